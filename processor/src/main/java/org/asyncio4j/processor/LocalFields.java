package org.asyncio4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.UnionType;

/**
 * The coroutine fields that hold user locals, pattern bindings and temporaries: their names (user
 * names, renamed only on a clash), their types, and the scopes that map a local to its field.
 */
final class LocalFields {
  private final Lowering lo;

  LocalFields(Lowering lo) {
    this.lo = lo;
  }

  /** Declares the pattern bindings of a lowered statement's own expressions as fields. */
  void declareBindings(TreePath stmt) {
    for (TreePath e : LoweredLocals.expressionParts(stmt)) {
      new OwnCode.PathScanner<Void, Void>() {
        @Override
        public Void visitBindingPattern(com.sun.source.tree.BindingPatternTree node, Void p) {
          VariableTree v = node.getVariable();
          TypeMirror t = lo.localTypes.get(v);
          if (t != null && !lo.fieldBindings.contains(v)) {
            declare(v.getName().toString(), t, v);
            lo.fieldBindings.add(v);
          }
          return null;
        }

        @Override
        public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree node, Void p) {
          return scan(node.getExpression(), p);
        }
      }.scan(e, null);
    }
  }

  String declare(String name, TypeMirror type, Tree at) {
    TypeName tn = fieldType(type, name, at);
    String field = name;
    int n = 1;
    while (Lowering.RESERVED.contains(field)
        || field.startsWith("$")
        || (lo.sm.fields.containsKey(field) && !sameType(lo.fieldMirrors.get(field), type))) {
      n++;
      field = name + "$" + n;
    }
    lo.sm.fields.put(field, tn);
    lo.fieldMirrors.put(field, type);
    lo.scopes.peek().put(name, field);
    return field;
  }

  /**
   * The type of a local that becomes a field, from {@link TypeAnalysis}; a local it did not type
   * (one {@link LoweredLocals#loweredLocals} missed) is reported on its declaration, never a crash.
   */
  TypeMirror localType(TreePath varPath) {
    VariableTree v = (VariableTree) varPath.getLeaf();
    TypeMirror t = lo.localTypes.get(v);
    if (t == null) {
      lo.error(Diagnostics.unknownLocalType(v.getName().toString()), v);
      t = lo.elements.getTypeElement("java.lang.Object").asType();
    }
    return t;
  }

  boolean sameType(TypeMirror a, TypeMirror b) {
    return a != null && b != null && lo.types.isSameType(a, b);
  }

  TypeName fieldType(TypeMirror type, String name, Tree at) {
    TypeMirror t = type;
    if (t.getKind() == TypeKind.UNION) {
      t = lub(((UnionType) t).getAlternatives());
    }
    try {
      if (!nameable(t)) {
        throw new IllegalArgumentException(t.toString());
      }
      return TypeName.get(t);
    } catch (RuntimeException e) {
      lo.error(Diagnostics.unnameableLocal(name, type.toString()), at);
      return ClassName.OBJECT;
    }
  }

  /** Whether the type can be written in a field declaration of the generated class. */
  static boolean nameable(TypeMirror t) {
    switch (t.getKind()) {
      case INTERSECTION:
      case UNION:
      case ERROR:
        return false;
      case ARRAY:
        return nameable(((javax.lang.model.type.ArrayType) t).getComponentType());
      case DECLARED:
        {
          javax.lang.model.type.DeclaredType d = (javax.lang.model.type.DeclaredType) t;
          TypeElement te = (TypeElement) d.asElement();
          if (te.getSimpleName().length() == 0
              || te.getQualifiedName().length() == 0
              || t.toString().contains("<anonymous")
              || !Discovery.isNamed(te)
              || d.asElement().getModifiers().contains(Modifier.PRIVATE)) {
            return false;
          }
          for (TypeMirror a : d.getTypeArguments()) {
            if (!nameable(a)) {
              return false;
            }
          }
          return true;
        }
      case WILDCARD:
        {
          javax.lang.model.type.WildcardType w = (javax.lang.model.type.WildcardType) t;
          return (w.getExtendsBound() == null || nameable(w.getExtendsBound()))
              && (w.getSuperBound() == null || nameable(w.getSuperBound()));
        }
      default:
        return true;
    }
  }

  TypeMirror lub(List<? extends TypeMirror> alts) {
    TypeMirror c = alts.get(0);
    while (true) {
      boolean all = true;
      for (TypeMirror a : alts) {
        if (!lo.types.isAssignable(a, c)) {
          all = false;
        }
      }
      if (all) {
        return c;
      }
      List<? extends TypeMirror> sup = lo.types.directSupertypes(c);
      if (sup.isEmpty()) {
        return lo.elements.getTypeElement("java.lang.Throwable").asType();
      }
      c = sup.get(0);
    }
  }

  String fieldOf(String name) {
    for (Map<String, String> s : lo.scopes) {
      String f = s.get(name);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  String newTemp() {
    String name = "$t" + lo.temps++;
    lo.sm.fields.putIfAbsent(name, ClassName.OBJECT);
    return name;
  }

  /** A temporary of a known, denotable type (no boxing, no type witness). */
  String newTypedTemp(TypeMirror type) {
    String name = "$t" + lo.temps++;
    lo.sm.fields.put(name, TypeName.get(type));
    return name;
  }

  String newBoolean() {
    String name = "$b" + lo.booleans++;
    lo.sm.fields.putIfAbsent(name, TypeName.BOOLEAN);
    return name;
  }

  TypeMirror hostFieldType(String name) {
    for (Element t = lo.host.type; t instanceof TypeElement; t = t.getEnclosingElement()) {
      for (Element m : lo.elements.getAllMembers((TypeElement) t)) {
        if (m.getKind() == ElementKind.FIELD && m.getSimpleName().contentEquals(name)) {
          return m.asType();
        }
      }
    }
    return null;
  }
}
