package org.asyncio4j.processor;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.SimpleTypeVisitor14;

/**
 * The static types of simple expressions, known without attributing the body (no expression types
 * are available during annotation processing): literals, locals held in fields (typed by {@link
 * TypeAnalysis}), the host's fields, unary and binary operators over those, primitive casts, calls
 * of non-generic methods whose candidates (by name and number of arguments) agree on the return
 * type, and {@code Await.of} of such a value. Also the parameter type an argument is passed to,
 * when every candidate method agrees on it. Null whenever the type is not certain: the caller then
 * keeps javac's own typing (a witness).
 */
final class StaticTypes {
  private final Lowering lo;

  StaticTypes(Lowering lo) {
    this.lo = lo;
  }

  /** The static type of the (await-free or await) expression at {@code path}, or null. */
  TypeMirror typeOf(TreePath path) {
    Tree e = path.getLeaf();
    switch (e.getKind()) {
      case INT_LITERAL:
        return lo.types.getPrimitiveType(TypeKind.INT);
      case LONG_LITERAL:
        return lo.types.getPrimitiveType(TypeKind.LONG);
      case FLOAT_LITERAL:
        return lo.types.getPrimitiveType(TypeKind.FLOAT);
      case DOUBLE_LITERAL:
        return lo.types.getPrimitiveType(TypeKind.DOUBLE);
      case BOOLEAN_LITERAL:
        return lo.types.getPrimitiveType(TypeKind.BOOLEAN);
      case CHAR_LITERAL:
        return lo.types.getPrimitiveType(TypeKind.CHAR);
      case STRING_LITERAL:
        return string();
      case PARENTHESIZED:
        return typeOf(new TreePath(path, ((ParenthesizedTree) e).getExpression()));
      case IDENTIFIER:
        return identifier(((IdentifierTree) e).getName().toString());
      case TYPE_CAST:
        {
          Tree type = ((TypeCastTree) e).getType();
          return type instanceof PrimitiveTypeTree
              ? lo.types.getPrimitiveType(((PrimitiveTypeTree) type).getPrimitiveTypeKind())
              : null;
        }
      case METHOD_INVOCATION:
        return Awaits.isAwait(e) ? awaited(path) : returnType(path);
      case MEMBER_SELECT:
        return fieldType(path);
      case ARRAY_ACCESS:
        {
          TypeMirror a =
              typeOf(new TreePath(path, ((com.sun.source.tree.ArrayAccessTree) e).getExpression()));
          return a != null && a.getKind() == TypeKind.ARRAY
              ? ((ArrayType) a).getComponentType()
              : null;
        }
      case NEW_ARRAY:
        {
          NewArrayTree n = (NewArrayTree) e;
          TypeMirror t = n.getType() == null ? null : typeOfTypeTree(n.getType());
          for (int i = 0; t != null && i < Math.max(1, n.getDimensions().size()); i++) {
            t = lo.types.getArrayType(t);
          }
          return t;
        }
      default:
        break;
    }
    if (e instanceof UnaryTree) {
      return unary(path);
    }
    if (e instanceof BinaryTree) {
      return binary(path);
    }
    return null;
  }

  /**
   * The type of {@code o.f} (a field of an object whose type is known, as a member of that type),
   * {@code C.f} (a static field of a class the compilation unit resolves) or {@code a.length};
   * null otherwise.
   */
  private TypeMirror fieldType(TreePath path) {
    MemberSelectTree ms = (MemberSelectTree) path.getLeaf();
    String name = ms.getIdentifier().toString();
    ExpressionTree recv = ms.getExpression();
    TypeMirror owner;
    if (lo.evaluationOrder.isTypeOrPackage(recv)) {
      TypeElement t = lo.discovery.resolveQualified(recv.toString(), lo.host.unit, lo.host.type);
      owner = t == null ? null : t.asType();
    } else {
      owner = typeOf(new TreePath(path, recv));
    }
    if (owner != null && owner.getKind() == TypeKind.ARRAY && name.equals("length")) {
      return lo.types.getPrimitiveType(TypeKind.INT);
    }
    if (owner == null || owner.getKind() != TypeKind.DECLARED || TypeAnalysis.hasError(owner)) {
      return null;
    }
    for (Element m : lo.elements.getAllMembers((TypeElement) lo.types.asElement(owner))) {
      if (m.getKind().isField() && m.getSimpleName().contentEquals(name)) {
        TypeMirror t;
        try {
          t = lo.types.asMemberOf((DeclaredType) owner, m);
        } catch (IllegalArgumentException e) {
          t = m.asType();
        }
        return denotable(t) || t.getKind().isPrimitive() ? t : null;
      }
    }
    return null;
  }

  /**
   * The type a type written in the body denotes, when it is primitive, an array of such, or a
   * non-generic class the compilation unit resolves; null otherwise.
   */
  private TypeMirror typeOfTypeTree(Tree type) {
    if (type instanceof PrimitiveTypeTree) {
      return lo.types.getPrimitiveType(((PrimitiveTypeTree) type).getPrimitiveTypeKind());
    }
    if (type instanceof ArrayTypeTree) {
      TypeMirror c = typeOfTypeTree(((ArrayTypeTree) type).getType());
      return c == null ? null : lo.types.getArrayType(c);
    }
    if ((type instanceof IdentifierTree || type instanceof MemberSelectTree)
        && lo.evaluationOrder.isTypeOrPackage((ExpressionTree) type)) {
      TypeElement t = lo.discovery.resolveQualified(type.toString(), lo.host.unit, lo.host.type);
      return t != null && t.getTypeParameters().isEmpty() ? t.asType() : null;
    }
    return null;
  }

  /**
   * The parameter type that {@code argument} (an argument of the call or instance creation {@code
   * call}) is passed to, when every candidate method agrees on it and it needs no inference; null
   * otherwise.
   */
  TypeMirror parameterType(TreePath call, Tree argument) {
    Tree c = call.getLeaf();
    List<? extends ExpressionTree> args;
    Candidates cands;
    if (c instanceof MethodInvocationTree) {
      args = ((MethodInvocationTree) c).getArguments();
      cands = candidates(call);
    } else if (c instanceof NewClassTree) {
      args = ((NewClassTree) c).getArguments();
      cands = constructors((NewClassTree) c);
    } else {
      return null;
    }
    int index = -1;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) == argument) {
        index = i;
      }
    }
    if (cands == null || cands.methods.isEmpty() || index < 0) {
      return null;
    }
    TypeMirror result = null;
    for (ExecutableElement m : applicable(call, cands, args, index)) {
      List<? extends TypeMirror> params = memberType(cands.receiver, m).getParameterTypes();
      TypeMirror p;
      if (m.isVarArgs() && index >= params.size() - 1) {
        if (args.size() == params.size()) {
          return null; // the last argument may be the array itself or one element
        }
        p = ((ArrayType) params.get(params.size() - 1)).getComponentType();
      } else if (index < params.size()) {
        p = params.get(index);
      } else {
        return null;
      }
      if (!denotable(p) || !Collections.disjoint(typeVariables(p), m.getTypeParameters())) {
        return null;
      }
      if (result == null) {
        result = p;
      } else if (!lo.types.isSameType(result, p)) {
        return null;
      }
    }
    return result;
  }

  /**
   * The candidates that the arguments other than {@code index} leave applicable: a candidate is
   * dropped only when an argument whose static type is known here cannot be converted to its
   * parameter (assignment conversion, which allows everything a loose invocation does, JLS 5.3),
   * so the method javac selects is never dropped, and when one candidate remains it is that
   * method. Parameters that mention type variables are not checked. All candidates when none
   * remains (a type known here would then be wrong).
   */
  private List<ExecutableElement> applicable(
      TreePath call, Candidates cands, List<? extends ExpressionTree> args, int index) {
    if (cands.methods.size() < 2) {
      return cands.methods;
    }
    List<ExecutableElement> out = new ArrayList<>();
    for (ExecutableElement m : cands.methods) {
      List<? extends TypeMirror> params = memberType(cands.receiver, m).getParameterTypes();
      boolean ok = true;
      for (int j = 0; j < args.size() && ok; j++) {
        List<TypeMirror> known = new ArrayList<>();
        if (j == index) {
          // A switch expression is compatible with a parameter when each result is (JLS 15.28.1).
          ExpressionTree arg = args.get(j);
          while (arg instanceof ParenthesizedTree) {
            arg = ((ParenthesizedTree) arg).getExpression();
          }
          if (!(arg instanceof SwitchExpressionTree)) {
            continue;
          }
          for (TreePath r : Switches.resultExpressions(pathTo(call, arg))) {
            known.add(typeOf(r));
          }
        } else {
          known.add(typeOf(new TreePath(call, args.get(j))));
        }
        if (known.stream()
            .anyMatch(a -> a == null || !(a.getKind().isPrimitive() || denotable(a)))) {
          continue;
        }
        List<TypeMirror> targets = new ArrayList<>();
        if (m.isVarArgs() && j >= params.size() - 1) {
          if (args.size() == params.size()) {
            targets.add(params.get(params.size() - 1));
          }
          targets.add(((ArrayType) params.get(params.size() - 1)).getComponentType());
        } else if (j < params.size()) {
          targets.add(params.get(j));
        }
        boolean fits = targets.isEmpty();
        for (TypeMirror p : targets) {
          boolean all = true;
          for (TypeMirror a : known) {
            all &= lo.types.isAssignable(a, p);
          }
          fits |= all || !(p.getKind().isPrimitive() || denotable(p) && typeVariables(p).isEmpty());
        }
        ok = fits;
      }
      if (ok) {
        out.add(m);
      }
    }
    return out.isEmpty() ? cands.methods : mostSpecific(cands, out, index);
  }

  /**
   * The one candidate javac selects among applicable ones that differ only at {@code index}, where
   * each takes a reference type: the one whose parameter is a subtype of all the others' (JLS
   * 15.12.2.5; reference parameters need the same conversions, so no phase decides earlier). The
   * candidates unchanged otherwise.
   */
  private List<ExecutableElement> mostSpecific(
      Candidates cands, List<ExecutableElement> ms, int index) {
    if (ms.size() < 2) {
      return ms;
    }
    List<List<? extends TypeMirror>> params = new ArrayList<>();
    for (ExecutableElement m : ms) {
      if (m.isVarArgs() || !m.getTypeParameters().isEmpty()) {
        return ms;
      }
      params.add(memberType(cands.receiver, m).getParameterTypes());
    }
    for (List<? extends TypeMirror> p : params) {
      if (p.size() != params.get(0).size() || p.get(index).getKind().isPrimitive()) {
        return ms;
      }
      for (int j = 0; j < p.size(); j++) {
        if (j != index && !lo.types.isSameType(p.get(j), params.get(0).get(j))) {
          return ms;
        }
      }
    }
    for (int i = 0; i < ms.size(); i++) {
      boolean below = true;
      for (List<? extends TypeMirror> other : params) {
        below &= lo.types.isSubtype(params.get(i).get(index), other.get(index));
      }
      if (below) {
        return List.of(ms.get(i));
      }
    }
    return ms;
  }

  private static TreePath pathTo(TreePath call, Tree arg) {
    return TreePath.getPath(call, arg);
  }

  /**
   * Whether a field of the generated coroutine can be declared with type {@code t} (not a wildcard,
   * which {@code asMemberOf} yields for members of a wildcard-parameterized type, nor a captured or
   * foreign type variable).
   */
  boolean denotable(TypeMirror t) {
    return t != null
        && (t.getKind().isPrimitive()
            || t.getKind() == TypeKind.DECLARED
            || t.getKind() == TypeKind.ARRAY
            || t.getKind() == TypeKind.TYPEVAR)
        && !TypeAnalysis.hasError(t)
        && LocalFields.nameable(t)
        && lo.method.element.getTypeParameters().containsAll(typeVariables(t));
  }

  /** The type parameters that {@code t} mentions. */
  private static List<Element> typeVariables(TypeMirror t) {
    List<Element> out = new ArrayList<>();
    new SimpleTypeVisitor14<Void, Void>() {
      @Override
      public Void visitTypeVariable(TypeVariable v, Void p) {
        out.add(v.asElement());
        return null;
      }

      @Override
      public Void visitDeclared(DeclaredType d, Void p) {
        d.getTypeArguments().forEach(a -> visit(a));
        return null;
      }

      @Override
      public Void visitArray(ArrayType a, Void p) {
        return visit(a.getComponentType());
      }

      @Override
      public Void visitWildcard(WildcardType w, Void p) {
        if (w.getExtendsBound() != null) {
          visit(w.getExtendsBound());
        }
        if (w.getSuperBound() != null) {
          visit(w.getSuperBound());
        }
        return null;
      }
    }.visit(t);
    return out;
  }

  private TypeMirror string() {
    return lo.elements.getTypeElement("java.lang.String").asType();
  }

  private TypeMirror identifier(String name) {
    String f = lo.localFields.fieldOf(name);
    if (f != null) {
      return lo.fieldMirrors.get(f);
    }
    if (name.equals("this") || name.equals("super")) {
      return null;
    }
    TypeMirror t = lo.localFields.hostFieldType(name);
    return t != null && denotable(t) ? t : null;
  }

  /**
   * The type of a numeric or boolean conditional (JLS 15.25) whose operands have types {@code a}
   * and {@code b}, each primitive or boxed: the common unboxed type, {@code short} for byte and
   * short, otherwise binary numeric promotion. Null when the operands are not both numeric or both
   * boolean, or when an operand of type byte, short or char meets an int operand (then the type
   * depends on whether that int is a constant).
   */
  TypeMirror conditionalPrimitive(TypeMirror a, TypeMirror b) {
    TypeMirror pa = primitive(a);
    TypeMirror pb = primitive(b);
    if (pa == null || pb == null) {
      return null;
    }
    TypeKind ka = pa.getKind();
    TypeKind kb = pb.getKind();
    if (ka == kb) {
      return pa;
    }
    if (ka == TypeKind.BOOLEAN || kb == TypeKind.BOOLEAN) {
      return null;
    }
    if (ka == TypeKind.BYTE && kb == TypeKind.SHORT
        || ka == TypeKind.SHORT && kb == TypeKind.BYTE) {
      return lo.types.getPrimitiveType(TypeKind.SHORT);
    }
    for (TypeKind k : new TypeKind[] {TypeKind.DOUBLE, TypeKind.FLOAT, TypeKind.LONG}) {
      if (ka == k || kb == k) {
        return lo.types.getPrimitiveType(k);
      }
    }
    if (ka == TypeKind.INT && kb == TypeKind.INT) {
      return pa;
    }
    boolean intMeetsSmall = ka == TypeKind.INT || kb == TypeKind.INT;
    return intMeetsSmall ? null : lo.types.getPrimitiveType(TypeKind.INT);
  }

  /** The unboxed primitive of {@code t}, {@code t} itself if primitive; null otherwise. */
  private TypeMirror primitive(TypeMirror t) {
    if (t == null) {
      return null;
    }
    if (t.getKind().isPrimitive()) {
      return t;
    }
    try {
      return lo.types.unboxedType(t);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private TypeMirror promoted(TypeMirror t) {
    switch (t.getKind()) {
      case BYTE:
      case SHORT:
      case CHAR:
        return lo.types.getPrimitiveType(TypeKind.INT);
      default:
        return t;
    }
  }

  private TypeMirror unary(TreePath path) {
    UnaryTree u = (UnaryTree) path.getLeaf();
    TypeMirror t = typeOf(new TreePath(path, u.getExpression()));
    switch (u.getKind()) {
      case LOGICAL_COMPLEMENT:
        return lo.types.getPrimitiveType(TypeKind.BOOLEAN);
      case UNARY_PLUS:
      case UNARY_MINUS:
      case BITWISE_COMPLEMENT:
        {
          TypeMirror p = primitive(t);
          return p == null || p.getKind() == TypeKind.BOOLEAN ? null : promoted(p);
        }
      default:
        return t; // ++ and --: the variable's type
    }
  }

  private TypeMirror binary(TreePath path) {
    BinaryTree b = (BinaryTree) path.getLeaf();
    switch (b.getKind()) {
      case LESS_THAN:
      case GREATER_THAN:
      case LESS_THAN_EQUAL:
      case GREATER_THAN_EQUAL:
      case EQUAL_TO:
      case NOT_EQUAL_TO:
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
        return lo.types.getPrimitiveType(TypeKind.BOOLEAN);
      default:
        break;
    }
    TypeMirror l = typeOf(new TreePath(path, b.getLeftOperand()));
    TypeMirror r = typeOf(new TreePath(path, b.getRightOperand()));
    if (b.getKind() == Tree.Kind.PLUS && (isString(l) || isString(r))) {
      return string();
    }
    TypeMirror pl = primitive(l);
    TypeMirror pr = primitive(r);
    if (pl == null || pr == null) {
      return null;
    }
    switch (b.getKind()) {
      case LEFT_SHIFT:
      case RIGHT_SHIFT:
      case UNSIGNED_RIGHT_SHIFT:
        return promoted(pl);
      case AND:
      case OR:
      case XOR:
        if (pl.getKind() == TypeKind.BOOLEAN && pr.getKind() == TypeKind.BOOLEAN) {
          return pl;
        }
        break;
      default:
        break;
    }
    if (pl.getKind() == TypeKind.BOOLEAN || pr.getKind() == TypeKind.BOOLEAN) {
      return null;
    }
    for (TypeKind k : new TypeKind[] {TypeKind.DOUBLE, TypeKind.FLOAT, TypeKind.LONG}) {
      if (pl.getKind() == k || pr.getKind() == k) {
        return lo.types.getPrimitiveType(k);
      }
    }
    return lo.types.getPrimitiveType(TypeKind.INT);
  }

  private boolean isString(TypeMirror t) {
    return t != null && lo.types.isSameType(t, string());
  }

  /**
   * {@code Await.of(x)}: the value type of {@code x}'s {@code Awaitable<T>}/{@code
   * CompletionStage<T>}.
   */
  private TypeMirror awaited(TreePath path) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    TypeMirror t = typeOf(new TreePath(path, call.getArguments().get(0)));
    if (t == null || t.getKind() != TypeKind.DECLARED) {
      return null;
    }
    Deque<TypeMirror> todo = new ArrayDeque<>();
    todo.add(t);
    while (!todo.isEmpty()) {
      TypeMirror s = todo.poll();
      Element el = lo.types.asElement(s);
      if (el instanceof TypeElement) {
        String q = ((TypeElement) el).getQualifiedName().toString();
        if (q.equals("org.asyncio4j.Awaitable")
            || q.equals("java.util.concurrent.CompletionStage")) {
          List<? extends TypeMirror> a = ((DeclaredType) s).getTypeArguments();
          return a.size() == 1 && a.get(0).getKind() == TypeKind.DECLARED && denotable(a.get(0))
              ? a.get(0)
              : null;
        }
      }
      todo.addAll(lo.types.directSupertypes(s));
    }
    return null;
  }

  /** The return type of a call of a non-generic method on which all candidates agree, or null. */
  private TypeMirror returnType(TreePath path) {
    Candidates c = candidates(path);
    if (c == null || c.methods.isEmpty()) {
      return null;
    }
    TypeMirror result = null;
    for (ExecutableElement m : c.methods) {
      if (!m.getTypeParameters().isEmpty()) {
        return null;
      }
      TypeMirror r = memberType(c.receiver, m).getReturnType();
      if (!denotable(r) && !r.getKind().isPrimitive()) {
        return null;
      }
      if (result == null) {
        result = r;
      } else if (!lo.types.isSameType(result, r)) {
        return null;
      }
    }
    return result.getKind() == TypeKind.VOID ? null : result;
  }

  /** The methods a call may denote (by name and number of arguments), and its receiver type. */
  private static final class Candidates {
    final DeclaredType receiver;
    final List<ExecutableElement> methods;

    Candidates(DeclaredType receiver, List<ExecutableElement> methods) {
      this.receiver = receiver;
      this.methods = methods;
    }
  }

  private Candidates candidates(TreePath path) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    int arity = call.getArguments().size();
    ExpressionTree sel = call.getMethodSelect();
    if (sel instanceof IdentifierTree) {
      String name = ((IdentifierTree) sel).getName().toString();
      for (Element c = lo.host.type; c instanceof TypeElement; c = c.getEnclosingElement()) {
        if (!methods((TypeElement) c, name, -1, false).isEmpty()) {
          // The innermost class with a method of that name is searched (JLS 15.12.1).
          return new Candidates(
              (DeclaredType) c.asType(), methods((TypeElement) c, name, arity, false));
        }
      }
      List<ExecutableElement> imported = new ArrayList<>();
      for (ImportTree imp : lo.host.unit.getImports()) {
        if (imp.isStatic() && imp.getQualifiedIdentifier() instanceof MemberSelectTree) {
          MemberSelectTree q = (MemberSelectTree) imp.getQualifiedIdentifier();
          String member = q.getIdentifier().toString();
          TypeElement owner = lo.elements.getTypeElement(q.getExpression().toString());
          if (owner != null && (member.equals(name) || member.equals("*"))) {
            imported.addAll(methods(owner, name, arity, true));
          }
        }
      }
      return new Candidates(null, imported);
    }
    if (!(sel instanceof MemberSelectTree)) {
      return null;
    }
    MemberSelectTree ms = (MemberSelectTree) sel;
    String name = ms.getIdentifier().toString();
    ExpressionTree recv = ms.getExpression();
    if (lo.evaluationOrder.isTypeOrPackage(recv)) {
      TypeElement t = lo.discovery.resolveQualified(recv.toString(), lo.host.unit, lo.host.type);
      return t == null ? null : new Candidates(null, methods(t, name, arity, true));
    }
    TypeMirror t = typeOf(new TreePath(new TreePath(path, ms), recv));
    if (t == null || t.getKind() != TypeKind.DECLARED || TypeAnalysis.hasError(t)) {
      return null;
    }
    return new Candidates(
        (DeclaredType) t, methods((TypeElement) lo.types.asElement(t), name, arity, false));
  }

  /** The constructors of a non-generic class created without a body or an enclosing instance. */
  private Candidates constructors(NewClassTree n) {
    if (n.getClassBody() != null || n.getEnclosingExpression() != null) {
      return null;
    }
    ExpressionTree id = n.getIdentifier();
    if (!lo.evaluationOrder.isTypeOrPackage(id)) {
      return null;
    }
    TypeElement t = lo.discovery.resolveQualified(id.toString(), lo.host.unit, lo.host.type);
    if (t == null || !t.getTypeParameters().isEmpty()) {
      return null;
    }
    int arity = n.getArguments().size();
    List<ExecutableElement> out = new ArrayList<>();
    for (ExecutableElement c : ElementFilter.constructorsIn(t.getEnclosedElements())) {
      int k = c.getParameters().size();
      if (k == arity || (c.isVarArgs() && arity >= k - 1)) {
        out.add(c);
      }
    }
    return new Candidates((DeclaredType) t.asType(), out);
  }

  /** Methods named {@code name} of {@code t} (inherited too) that may take {@code arity} args. */
  private List<ExecutableElement> methods(
      TypeElement t, String name, int arity, boolean staticOnly) {
    List<ExecutableElement> out = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(lo.elements.getAllMembers(t))) {
      if (!m.getSimpleName().contentEquals(name)
          || (staticOnly && !m.getModifiers().contains(Modifier.STATIC))) {
        continue;
      }
      int n = m.getParameters().size();
      if (arity < 0 || n == arity || (m.isVarArgs() && arity >= n - 1)) {
        out.add(m);
      }
    }
    return out;
  }

  private ExecutableType memberType(DeclaredType receiver, ExecutableElement m) {
    if (receiver != null
        && (m.getKind() == ElementKind.CONSTRUCTOR
            || !m.getModifiers().contains(Modifier.STATIC))) {
      try {
        TypeMirror t = lo.types.asMemberOf(receiver, m);
        if (t instanceof ExecutableType) {
          return (ExecutableType) t;
        }
      } catch (IllegalArgumentException e) {
        // not a member of that type: its declared signature
      }
    }
    return (ExecutableType) m.asType();
  }
}
