package org.asyncio4j.processor;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers an expression containing awaits: what Java evaluates before an await is evaluated first
 * (spilled into a temporary when a later await could change it), then {@code if (!await(x, N))
 * return;}, then the rest; {@code &&}, {@code ||} and {@code ?:} keep their short-circuiting.
 */
final class Expressions {
  private final Lowering lo;

  Expressions(Lowering lo) {
    this.lo = lo;
  }

  String condition(TreePath path) {
    ExpressionTree c = (ExpressionTree) path.getLeaf();
    while (c instanceof ParenthesizedTree) {
      c = ((ParenthesizedTree) c).getExpression();
      path = new TreePath(path, c);
    }
    lo.assignedNames = EvaluationOrder.assignedIn(c);
    return expr(path);
  }

  /** Lowers the expression at {@code path}; returns the text of its value at the current point. */
  String expr(TreePath path) {
    ExpressionTree e = (ExpressionTree) path.getLeaf();
    if (!Awaits.contains(e)) {
      return lo.text.render(path, new Render(lo, path));
    }
    switch (e.getKind()) {
      case PARENTHESIZED:
        return "(" + expr(new TreePath(path, ((ParenthesizedTree) e).getExpression())) + ")";
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
        {
          BinaryTree b = (BinaryTree) e;
          if (!Awaits.contains(b.getRightOperand())) {
            break;
          }
          String left = expr(new TreePath(path, b.getLeftOperand()));
          String temp = lo.localFields.newBoolean();
          StateMachine.Label end = lo.sm.newLabel();
          boolean and = e.getKind() == Tree.Kind.CONDITIONAL_AND;
          lo.emitCapturing(
              b.getLeftOperand(),
              "if ("
                  + (and ? "!(" + left + ")" : left)
                  + ") {\n  "
                  + temp
                  + " = "
                  + !and
                  + ";\n  label = "
                  + StateMachine.ref(end)
                  + ";\n  continue;\n}");
          String right = expr(new TreePath(path, b.getRightOperand()));
          lo.emitCapturing(b.getRightOperand(), temp + " = " + right + ";");
          lo.place(end);
          return temp;
        }
      case CONDITIONAL_EXPRESSION:
        {
          ConditionalExpressionTree c = (ConditionalExpressionTree) e;
          if (!Awaits.contains(c.getTrueExpression()) && !Awaits.contains(c.getFalseExpression())) {
            break;
          }
          String cond = expr(new TreePath(path, c.getCondition()));
          TypeMirror type =
              commonType(
                  List.of(
                      new TreePath(path, c.getTrueExpression()),
                      new TreePath(path, c.getFalseExpression())));
          if (type == null) {
            type = conditionalType(path, c);
          }
          String temp = type != null ? lo.localFields.newTypedTemp(type) : lo.localFields.newTemp();
          // Standalone (an operand, not assigned or passed), javac types the conditional by both
          // branches (JLS 15.25), e.g. 'c ? Await.of(anInteger) : 6L' is a long: each branch is
          // stored converted as javac converts it, by a conditional with the other branch's dead
          // text, and read back through a 'var', which keeps the standalone typing.
          boolean standalone = type == null && isStandalone(path);
          TreePath truePath = new TreePath(path, c.getTrueExpression());
          TreePath falsePath = new TreePath(path, c.getFalseExpression());
          StateMachine.Label elseL = lo.sm.newLabel();
          StateMachine.Label end = lo.sm.newLabel();
          lo.jumpUnless(c.getCondition(), cond, elseL);
          String t = expr(truePath);
          if (standalone) {
            t = "(Object) (true ? " + t + " : " + deadText(falsePath) + ")";
          }
          lo.emitCapturing(c.getTrueExpression(), temp + " = " + t + ";");
          lo.jump(end);
          lo.place(elseL);
          String f = expr(falsePath);
          if (standalone) {
            f = "(Object) (false ? " + deadText(truePath) + " : " + f + ")";
          }
          lo.emitCapturing(c.getFalseExpression(), temp + " = " + f + ";");
          lo.place(end);
          if (standalone) {
            String read =
                "stored(" + temp + ", () -> { var $w = " + deadText(path) + "; return $w; })";
            lo.witnessReads.add(read);
            return read;
          }
          return type != null ? temp : witness(temp, path);
        }
      case METHOD_INVOCATION:
        if (Awaits.isAwait(e)) {
          MethodInvocationTree call = (MethodInvocationTree) e;
          TreePath arg = new TreePath(path, call.getArguments().get(0));
          String x = expr(arg);
          lo.currentLine = lo.text.line(call);
          StateMachine.Label next = lo.sm.newLabel();
          lo.emitCapturing(arg.getLeaf(), StateMachine.awaitReady(x, next));
          lo.placeAfterAwait(next);
          String witness = "false ? " + lo.text.render(arg, new Render(lo, arg)) + " : null";
          if (call.getArguments().size() > 1) {
            TreePath cls = new TreePath(path, call.getArguments().get(1));
            return StateMachine.readyResult(witness + ", " + lo.text.render(cls, new Render(lo, cls)));
          }
          return StateMachine.readyResult(witness);
        }
        break;
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
      case AND_ASSIGNMENT:
      case OR_ASSIGNMENT:
      case XOR_ASSIGNMENT:
      case LEFT_SHIFT_ASSIGNMENT:
      case RIGHT_SHIFT_ASSIGNMENT:
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
        return lo.compoundAssignments.compoundAssignment(path);
      case LAMBDA_EXPRESSION:
      case MEMBER_REFERENCE:
        break;
      case SWITCH_EXPRESSION:
        return switchValue(path);
      default:
        break;
    }
    List<Tree> order = lo.evaluationOrder.evaluationOrder(e);
    Map<Tree, String> overrides = new IdentityHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      Tree c = order.get(i);
      boolean later = false;
      for (int j = i + 1; j < order.size(); j++) {
        later |= Awaits.contains(order.get(j));
      }
      TreePath cp = new TreePath(path, c);
      String v = expr(cp);
      if (later && !lo.evaluationOrder.stable(c, v)) {
        TypeMirror type = lo.staticTypes.typeOf(cp);
        if (!lo.staticTypes.denotable(type)) {
          // A poly expression (diamond, generic call, lambda in a conditional, switch expression)
          // is typed by the parameter it is passed to (or the array's element type), as javac
          // types it there.
          type =
              e instanceof NewArrayTree
                  ? elementType(path)
                  : lo.staticTypes.parameterType(path, c);
        }
        if (!lo.staticTypes.denotable(type) && isSwitchExpression(c)) {
          // Standalone, a switch expression's results are converted to one type (JLS 15.28.1);
          // in a call or an array initializer each is converted to the target on its own (an
          // Object parameter receives an Integer from '1' and a Character from 'a'): the same
          // only when all results have the same type.
          type = commonType(Switches.resultExpressions(TreePath.getPath(cp, unparenthesized(c))));
          if (type == null) {
            lo.error(Diagnostics.switchArgumentTarget(), c);
          }
        }
        v = spill(cp, v, type);
      }
      overrides.put(c, v);
    }
    return lo.text.render(path, new Render(lo, path, overrides));
  }

  /**
   * A switch expression whose arms await, inside a larger expression: lowered like a statement
   * switch whose arms assign a temporary (the operands before it are already evaluated and spilled
   * by the caller, in Java's order); the enclosing expression continues with the temporary.
   */
  private String switchValue(TreePath path) {
    Set<String> assigned = lo.assignedNames;
    TypeMirror type = commonType(Switches.resultExpressions(path));
    String temp = type != null ? lo.localFields.newTypedTemp(type) : lo.localFields.newTemp();
    lo.switches.lowerSwitchExpression(path, v -> temp + " = " + v + ";");
    lo.assignedNames = assigned;
    return type != null ? temp : witness(temp, path);
  }

  /**
   * The type of a conditional or switch expression whose result expressions all have the same known
   * static type (then it is the expression's type, standalone or in any context); null otherwise.
   */
  private TypeMirror commonType(List<TreePath> results) {
    TypeMirror common = null;
    for (TreePath r : results) {
      TypeMirror t = lo.staticTypes.typeOf(r);
      if (!lo.staticTypes.denotable(t)) {
        return null;
      }
      if (common == null) {
        common = t;
      } else if (!lo.types.isSameType(common, t)) {
        return null;
      }
    }
    return common;
  }

  /** {@code stored($tN, () -> <original text>)}: an {@code Object} temporary read back typed. */
  private String witness(String temp, TreePath path) {
    String read = "stored(" + temp + ", () -> " + lo.text.render(path, new Render(lo, path)) + ")";
    lo.witnessReads.add(read);
    return read;
  }

  /** Evaluates {@code value} (rendered from {@code path}) now, for reading after later awaits. */
  String spill(TreePath path, String value) {
    return spill(path, value, lo.staticTypes.typeOf(path));
  }

  /**
   * Spills into a temporary of {@code type} when it is known and denotable: no boxing and no
   * witness. Otherwise an {@code Object} temporary read back through {@code stored($tN, () ->
   * <original text>)}, whose never-called witness lambda makes javac type the value exactly as the
   * original expression (captured or intersection types, anonymous classes, generic calls whose
   * inference the processor cannot repeat); it boxes primitives and may allocate the lambda.
   */
  String spill(TreePath path, String value, TypeMirror type) {
    if (isBareInitializer(path.getLeaf())) {
      // A nested array initializer ({a, b} inside new int[][] {...}) is not an expression of its
      // own: spilled, it becomes the array creation it stands for.
      String arrayType = bareInitializerType(path);
      if (arrayType == null) {
        lo.error(
            Diagnostics.unsupportedAwaitPosition(
                "an array initializer of a generic element type (the generated code would need"
                    + " a generic array creation)"),
            path.getLeaf());
        return value;
      }
      String temp = lo.localFields.newTemp();
      lo.emitCapturing(path.getLeaf(), temp + " = new " + arrayType + " " + value + ";");
      String read = "((" + arrayType + ") " + temp + ")";
      lo.witnessReads.add(read);
      return read;
    }
    if (lo.staticTypes.denotable(type)) {
      String temp = lo.localFields.newTypedTemp(type);
      lo.emitCapturing(path.getLeaf(), temp + " = " + value + ";");
      return temp;
    }
    String temp = lo.localFields.newTemp();
    lo.emitCapturing(path.getLeaf(), temp + " = " + value + ";");
    return witness(temp, path);
  }

  /**
   * The array type that a bare initializer ({@code {a, b}}) creates, as source text: the element
   * type of the enclosing array creation or the declared type of the variable; null when it is
   * not reifiable (generic or a type variable), where {@code new T[] {...}} would not compile.
   */
  private String bareInitializerType(TreePath path) {
    Tree parent = path.getParentPath().getLeaf();
    String type;
    if (parent instanceof NewArrayTree && ((NewArrayTree) parent).getType() != null) {
      type = ((NewArrayTree) parent).getType().toString();
    } else if (isBareInitializer(parent)) {
      String outer = bareInitializerType(path.getParentPath());
      if (outer == null || !outer.endsWith("[]")) {
        return null;
      }
      type = outer.substring(0, outer.length() - 2);
    } else if (parent instanceof VariableTree) {
      type = ((VariableTree) parent).getType().toString();
    } else {
      return null;
    }
    String base = type.replace("[]", "").trim();
    if (type.replace("<?>", "").contains("<") || !base.contains(".") && isTypeVariable(base)) {
      return null;
    }
    return type;
  }

  private boolean isTypeVariable(String name) {
    for (TypeParameterElement tp : lo.method.element.getTypeParameters()) {
      if (tp.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    for (TypeParameterElement tp : lo.host.type.getTypeParameters()) {
      if (tp.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  private static Tree unparenthesized(Tree t) {
    while (t instanceof ParenthesizedTree) {
      t = ((ParenthesizedTree) t).getExpression();
    }
    return t;
  }

  private static boolean isSwitchExpression(Tree t) {
    return unparenthesized(t) instanceof SwitchExpressionTree;
  }

  /**
   * The element type of the array that the array creation or initializer at {@code path} creates,
   * when the processor knows it: from the declared type of the variable a bare initializer
   * initializes, or from a primitive element type written in {@code new T[] {...}}; null
   * otherwise.
   */
  private TypeMirror elementType(TreePath path) {
    NewArrayTree n = (NewArrayTree) path.getLeaf();
    Tree parent = path.getParentPath().getLeaf();
    if (n.getType() == null && parent instanceof VariableTree) {
      TypeMirror t = lo.localTypes.get(parent);
      return t instanceof javax.lang.model.type.ArrayType
          ? ((javax.lang.model.type.ArrayType) t).getComponentType()
          : null;
    }
    if (n.getType() instanceof com.sun.source.tree.PrimitiveTypeTree) {
      return lo.types.getPrimitiveType(
          ((com.sun.source.tree.PrimitiveTypeTree) n.getType()).getPrimitiveTypeKind());
    }
    if (n.getType() != null
        && n.getDimensions().isEmpty()
        && lo.evaluationOrder.isTypeOrPackage((ExpressionTree) n.getType())) {
      javax.lang.model.element.TypeElement t =
          lo.discovery.resolveQualified(n.getType().toString(), lo.host.unit, lo.host.type);
      return t != null && t.getTypeParameters().isEmpty() ? t.asType() : null;
    }
    return null;
  }

  /** The original text of an expression that the generated code types but never evaluates. */
  private String deadText(TreePath path) {
    return lo.text.render(path, new Render(lo, path));
  }

  /** Whether the conditional at {@code path} is an operand of an operator, a cast or a select. */
  private static boolean isStandalone(TreePath path) {
    Tree parent = inContext(path).getParentPath().getLeaf();
    return parent instanceof BinaryTree
        || parent instanceof com.sun.source.tree.UnaryTree
        || parent instanceof com.sun.source.tree.CompoundAssignmentTree
        || parent instanceof com.sun.source.tree.TypeCastTree
        || parent instanceof com.sun.source.tree.ArrayAccessTree
        || parent instanceof com.sun.source.tree.MemberSelectTree
        || parent instanceof com.sun.source.tree.InstanceOfTree;
  }

  /**
   * The expression whose context decides how the expression at {@code path} is typed: itself, or
   * the parenthesized expression, conditional (of which it is a branch) or switch expression (of
   * which it is a result: an arrow's expression or a {@code yield}'s value) it is part of.
   */
  private static TreePath inContext(TreePath path) {
    TreePath at = path;
    while (true) {
      TreePath context = at.getParentPath();
      Tree parent = context.getLeaf();
      if (parent instanceof ParenthesizedTree || isBranchOf(parent, at.getLeaf())) {
        at = context;
      } else if (parent instanceof CaseTree
          && ((CaseTree) parent).getBody() == at.getLeaf()
          && context.getParentPath().getLeaf() instanceof SwitchExpressionTree) {
        at = context.getParentPath();
      } else if (parent instanceof YieldTree) {
        TreePath sw = context;
        while (sw != null && !(sw.getLeaf() instanceof SwitchExpressionTree)) {
          sw = sw.getParentPath();
        }
        if (sw == null) {
          return at;
        }
        at = sw;
      } else {
        return at;
      }
    }
  }

  private static boolean isBranchOf(Tree parent, Tree leaf) {
    return parent instanceof ConditionalExpressionTree
        && ((ConditionalExpressionTree) parent).getCondition() != leaf;
  }

  /**
   * Whether javac classifies the conditional as a reference conditional because of an await in a
   * branch (Await.of returns its type variable), directly or through a nested conditional.
   */
  private static boolean isReferenceConditional(ConditionalExpressionTree c) {
    for (ExpressionTree e : List.of(c.getTrueExpression(), c.getFalseExpression())) {
      while (e instanceof ParenthesizedTree) {
        e = ((ParenthesizedTree) e).getExpression();
      }
      if (Awaits.isAwait(e)
          || e instanceof ConditionalExpressionTree
              && isReferenceConditional((ConditionalExpressionTree) e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The type of a conditional whose branches have different types, when it is primitive (JLS
   * 15.25): in an assignment or invocation context, a branch that is an await (a generic method
   * returning its type variable) makes it a reference conditional, typed by its target, here a
   * primitive variable or parameter; otherwise, with primitive or boxed branches, it is a numeric
   * or boolean conditional. Null when neither applies (the temporary is then typed by a witness).
   */
  private TypeMirror conditionalType(TreePath path, ConditionalExpressionTree c) {
    TreePath inContext = inContext(path);
    TreePath context = inContext.getParentPath();
    Tree leaf = inContext.getLeaf();
    Tree parent = context.getLeaf();
    TypeMirror target = null;
    boolean poly = true;
    if (parent instanceof VariableTree) {
      target = lo.localTypes.get(parent);
    } else if (parent instanceof AssignmentTree
        && ((AssignmentTree) parent).getExpression() == leaf) {
      target =
          lo.staticTypes.typeOf(new TreePath(context, ((AssignmentTree) parent).getVariable()));
    } else if (parent instanceof MethodInvocationTree || parent instanceof NewClassTree) {
      target = lo.staticTypes.parameterType(context, leaf);
    } else {
      poly = false;
    }
    if (poly && isReferenceConditional(c)) {
      return target != null && target.getKind().isPrimitive() ? target : null;
    }
    return lo.staticTypes.conditionalPrimitive(
        lo.staticTypes.typeOf(new TreePath(path, c.getTrueExpression())),
        lo.staticTypes.typeOf(new TreePath(path, c.getFalseExpression())));
  }

  private static boolean isBareInitializer(Tree t) {
    return t instanceof NewArrayTree && ((NewArrayTree) t).getType() == null;
  }
}
