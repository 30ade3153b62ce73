package org.asyncio4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers try/catch/finally and try-with-resources (including {@code AsyncCloseable}'s async with):
 * exception regions, handlers, and completions pending through finally blocks.
 */
final class TryStatements {
  private final Lowering lo;

  TryStatements(Lowering lo) {
    this.lo = lo;
  }

  /** A lowered try statement: its handlers, and the pending completion of its finally block. */
  static final class TryFrame {
    final int id;
    final TryFrame parent;

    /** Handlers of the try block: exception field, caught types, handler label. */
    final List<Handler> handlers = new ArrayList<>();

    StateMachine.Label finallyLabel;

    /** In the catch blocks, exceptions skip this try's handlers and go to the finally (if any). */
    boolean inCatch;

    /** Region id for states in catch blocks of this try. */
    TryFrame catchRegion;

    /** Pending jump targets through the finally: code number to label. */
    final List<StateMachine.Label> pendingJumps = new ArrayList<>();

    final List<BreakContinue.Jump> pendingJumpFrames = new ArrayList<>();
    boolean pendingReturn;

    /** The frame whose finally fields this region uses (itself, or the try of a catch region). */
    int ownerId;

    TryFrame(int id, TryFrame parent) {
      this.id = id;
      this.parent = parent;
      this.ownerId = id;
    }

    String kind() {
      return "$finally" + id;
    }

    String thrown() {
      return "$thrown" + id;
    }
  }

  /** One catch clause of a lowered try. */
  static final class Handler {
    final String field;
    final List<String> types;
    final StateMachine.Label label;

    /** The type of the field (the caught type, or for a multi-catch their common supertype). */
    final String castType;

    Handler(String field, List<String> types, StateMachine.Label label, String castType) {
      this.field = field;
      this.types = types;
      this.label = label;
      this.castType = castType;
    }
  }

  /** The innermost lowered try with a finally, among tries deeper than {@code depth}. */
  TryFrame innermostFinally(int depth) {
    int d = lo.tries.size();
    for (TryFrame f : lo.tries) {
      if (d <= depth) {
        return null;
      }
      if (f.finallyLabel != null) {
        return f;
      }
      d--;
    }
    return null;
  }

  void lowerTry(TreePath path) {
    TryTree t = (TryTree) path.getLeaf();
    lo.comment(t);
    List<TreePath> catches = new ArrayList<>();
    for (CatchTree c : t.getCatches()) {
      catches.add(new TreePath(path, c));
    }
    Runnable body =
        t.getResources().isEmpty()
            ? () -> lo.lowerStatement(new TreePath(path, t.getBlock()))
            : () -> lowerResources(path, 0);
    Runnable fin =
        t.getFinallyBlock() == null
            ? null
            : () -> lo.lowerStatement(new TreePath(path, t.getFinallyBlock()));
    if (catches.isEmpty() && fin == null) {
      body.run();
      return;
    }
    lo.scopes.push(new HashMap<>());
    lowerTryParts(body, catches, fin == null ? null : frame -> fin.run());
    lo.scopes.pop();
  }

  /** The finally part of a lowered try; {@code frame} names its pending-completion fields. */
  interface FinallyPart {
    void lower(TryFrame frame);
  }

  /**
   * try-with-resources, one resource at a time (JLS 14.20.3): an {@code AutoCloseable} is closed in
   * a finally (its exception added as suppressed to the body's); an {@code AsyncCloseable} is
   * Python's {@code async with}: {@code enterAsync()} is awaited before the body, {@code
   * exitAsync(error)} after it, and an exit completing with true suppresses the body's exception.
   */
  void lowerResources(TreePath tryPath, int i) {
    TryTree t = (TryTree) tryPath.getLeaf();
    if (i == t.getResources().size()) {
      lo.lowerStatement(new TreePath(tryPath, t.getBlock()));
      return;
    }
    Tree r = t.getResources().get(i);
    TreePath rp = new TreePath(tryPath, r);
    String ref;
    TypeMirror type;
    if (r instanceof VariableTree) {
      lo.statements.lowerVariable(rp);
      ref = lo.localFields.fieldOf(((VariableTree) r).getName().toString());
      type = lo.fieldMirrors.get(ref);
    } else {
      ref = lo.expressions.expr(rp);
      type =
          r instanceof IdentifierTree
              ? (lo.localFields.fieldOf(((IdentifierTree) r).getName().toString()) != null
                  ? lo.fieldMirrors.get(
                      lo.localFields.fieldOf(((IdentifierTree) r).getName().toString()))
                  : lo.localFields.hostFieldType(((IdentifierTree) r).getName().toString()))
              : null;
      if (type == null) {
        lo.error(
            Diagnostics.unsupportedAwaitPosition(
                "a try-with-resources over an expression"
                    + " other than a local variable or a field named by its simple name"),
            r);
        return;
      }
    }
    TypeElement asyncCloseable = lo.elements.getTypeElement("org.asyncio4j.AsyncCloseable");
    boolean async =
        asyncCloseable != null
            && lo.types.isAssignable(
                lo.types.erasure(type), lo.types.erasure(asyncCloseable.asType()));
    if (async) {
      StateMachine.Label entered = lo.sm.newLabel();
      lo.emit("// async with " + lo.text.firstLine(r));
      lo.emit("if (!await(" + ref + ".enterAsync(), " + StateMachine.ref(entered) + ")) return;");
      lo.placeAfterAwait(entered);
      lo.emit("awaitResult();");
      String suppress = "$suppress" + lo.booleans++;
      lo.sm.fields.put(suppress, ClassName.get(Boolean.class));
      lowerTryParts(
          () -> lowerResources(tryPath, i + 1),
          List.of(),
          frame -> {
            StateMachine.Label exited = lo.sm.newLabel();
            lo.emit(
                "if (!await("
                    + ref
                    + ".exitAsync("
                    + frame.kind()
                    + " == 1 ? "
                    + frame.thrown()
                    + " : null), "
                    + StateMachine.ref(exited)
                    + ")) return;");
            lo.placeAfterAwait(exited);
            lo.emit(suppress + " = awaitResult();");
            lo.emit("if (" + frame.kind() + " == 1 && Boolean.TRUE.equals(" + suppress + ")) {");
            lo.emit("  " + frame.kind() + " = 0;");
            lo.emit("}");
          });
    } else {
      lowerTryParts(
          () -> lowerResources(tryPath, i + 1),
          List.of(),
          frame -> {
            lo.emit("if (" + ref + " != null) {");
            lo.emit("  if (" + frame.kind() + " == 1) {");
            lo.emit("    try {");
            lo.emit("      " + ref + ".close();");
            lo.emit("    } catch (Throwable $suppressed) {");
            lo.emit("      " + frame.thrown() + ".addSuppressed($suppressed);");
            lo.emit("    }");
            lo.emit("  } else {");
            lo.emit("    " + ref + ".close();");
            lo.emit("  }");
            lo.emit("}");
          });
    }
  }

  /** A lowered try: body, catch clauses and an optional finally part. */
  void lowerTryParts(Runnable body, List<TreePath> catches, FinallyPart fin) {
    TryFrame frame = new TryFrame(lo.allTries.size(), lo.currentRegion());
    lo.allTries.add(frame);
    StateMachine.Label end = lo.sm.newLabel();
    if (fin != null) {
      frame.finallyLabel = lo.sm.newLabel();
      lo.sm.fields.put(frame.kind(), TypeName.INT);
      lo.sm.fields.put(frame.thrown(), ClassName.get(Throwable.class));
    }
    TryFrame catchRegion = new TryFrame(lo.allTries.size(), lo.currentRegion());
    lo.allTries.add(catchRegion);
    catchRegion.finallyLabel = frame.finallyLabel;
    catchRegion.ownerId = frame.id;
    frame.catchRegion = catchRegion;
    List<StateMachine.Label> catchLabels = new ArrayList<>();
    List<Map<String, String>> catchScopes = new ArrayList<>();
    for (TreePath cp : catches) {
      CatchTree c = (CatchTree) cp.getLeaf();
      VariableTree p = c.getParameter();
      lo.scopes.push(new HashMap<>());
      String field =
          lo.localFields.declare(
              p.getName().toString(), lo.localFields.localType(new TreePath(cp, p)), p);
      catchScopes.add(lo.scopes.pop());
      List<String> caught = new ArrayList<>();
      Tree type = p.getType();
      if (type.getKind() == Tree.Kind.UNION_TYPE) {
        for (Tree alt : ((com.sun.source.tree.UnionTypeTree) type).getTypeAlternatives()) {
          caught.add(lo.text.raw(alt));
        }
      } else {
        caught.add(lo.text.raw(type));
      }
      StateMachine.Label l = lo.sm.newLabel();
      catchLabels.add(l);
      frame.handlers.add(new Handler(field, caught, l, lo.sm.fields.get(field).toString()));
    }
    if (frame.finallyLabel != null) {
      lo.emit(frame.kind() + " = 0;");
    }
    StateMachine.Label bodyLabel = lo.sm.newLabel();
    lo.tries.push(frame);
    lo.place(bodyLabel);
    body.run();
    leaveTryNormally(frame, end);
    frame.inCatch = true;
    for (int i = 0; i < catches.size(); i++) {
      CatchTree c = (CatchTree) catches.get(i).getLeaf();
      lo.place(catchLabels.get(i));
      lo.scopes.push(catchScopes.get(i));
      lo.lowerStatement(new TreePath(catches.get(i), c.getBlock()));
      lo.scopes.pop();
      leaveTryNormally(frame, end);
    }
    lo.tries.pop();
    if (fin != null) {
      lo.place(frame.finallyLabel);
      fin.lower(frame);
      if (lo.reachable) {
        lo.emit("switch (" + frame.kind() + ") {");
        lo.emit("  case 1:");
        lo.emit("    throw " + frame.thrown() + ";");
        if (frame.pendingReturn) {
          lo.emit("  case 2:");
          TryFrame outer = innermostFinally(0);
          if (outer == null) {
            lo.emit("    complete($result);");
            lo.emit("    return;");
          } else {
            outer.pendingReturn = true;
            lo.emit("    " + outer.kind() + " = 2;");
            lo.emit("    label = " + StateMachine.ref(outer.finallyLabel) + ";");
            lo.emit("    continue;");
          }
        }
        for (int i = 0; i < frame.pendingJumps.size(); i++) {
          lo.emit("  case " + (3 + i) + ":");
          BreakContinue.Jump target = frame.pendingJumpFrames.get(i);
          StateMachine.Label l = frame.pendingJumps.get(i);
          TryFrame outer = finallyBetween(target.tryDepth);
          if (outer == null) {
            lo.emit("    label = " + StateMachine.ref(l) + ";");
          } else {
            lo.emit("    " + outer.kind() + " = " + (3 + pendingIndex(outer, l, target)) + ";");
            lo.emit("    label = " + StateMachine.ref(outer.finallyLabel) + ";");
          }
          lo.emit("    continue;");
        }
        lo.emit("  default:");
        lo.emit("    break;");
        lo.emit("}");
      }
    }
    lo.place(end);
  }

  void leaveTryNormally(TryFrame frame, StateMachine.Label end) {
    if (!lo.reachable) {
      return;
    }
    if (frame.finallyLabel != null) {
      lo.emit(frame.kind() + " = 0;");
      lo.emit("label = " + StateMachine.ref(frame.finallyLabel) + ";");
      lo.emit("continue;");
      lo.reachable = false;
    } else {
      lo.jump(end);
    }
  }

  int pendingIndex(TryFrame f, StateMachine.Label l, BreakContinue.Jump target) {
    int i = f.pendingJumps.indexOf(l);
    if (i < 0) {
      f.pendingJumps.add(l);
      f.pendingJumpFrames.add(target);
      i = f.pendingJumps.size() - 1;
    }
    return i;
  }

  /** Whether {@code t} contains a try statement (outside lambdas and classes: they never await). */
  static boolean containsTry(Tree t) {
    boolean[] found = {false};
    new OwnCode.Scanner<Void, Void>() {
      @Override
      public Void visitTry(com.sun.source.tree.TryTree node, Void p) {
        found[0] = true;
        return null;
      }
    }.scan(t, null);
    return found[0];
  }

  /** The innermost lowered finally between here and a jump target at try depth {@code depth}. */
  TryFrame finallyBetween(int depth) {
    return innermostFinally(depth);
  }
}
