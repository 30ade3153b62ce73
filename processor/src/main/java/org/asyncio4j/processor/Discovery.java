package org.asyncio4j.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Finds the {@code @Async} methods of a host class and the source trees they come from; resolves
 * simple type names as the host's compilation unit sees them.
 */
final class Discovery {
  static final String ASYNC = "org.asyncio4j.Async";

  private final Elements elements;
  private final Trees trees;

  Discovery(Elements elements, Trees trees) {
    this.elements = elements;
    this.trees = trees;
  }

  /** One host class with {@code @Async} methods. */
  static final class Host {
    final TypeElement type;
    final CompilationUnitTree unit;
    final String packageName;

    /** The simple name of the generated class: {@code CAsync}, {@code Outer_InnerAsync}. */
    final String generatedName;

    final List<Method> methods = new ArrayList<>();

    Host(TypeElement type, CompilationUnitTree unit, String packageName, String generatedName) {
      this.type = type;
      this.unit = unit;
      this.packageName = packageName;
      this.generatedName = generatedName;
    }

    boolean hasInstanceMethods() {
      for (Method m : methods) {
        if (!m.isStatic()) {
          return true;
        }
      }
      return false;
    }

    String fileName() {
      String n = unit.getSourceFile().getName();
      int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
      return n.substring(slash + 1);
    }
  }

  /** One {@code @Async} method. */
  static final class Method {
    final ExecutableElement element;
    final MethodTree tree;
    final TreePath path;

    /** The name of the generated coroutine class for this method (the method name, or m_2 ...). */
    String className;

    Method(ExecutableElement element, MethodTree tree, TreePath path) {
      this.element = element;
      this.tree = tree;
      this.path = path;
    }

    boolean isStatic() {
      return element.getModifiers().contains(Modifier.STATIC);
    }

    String name() {
      return element.getSimpleName().toString();
    }
  }

  static boolean isAsync(Element e) {
    return e.getAnnotationMirrors().stream()
        .anyMatch(a -> a.getAnnotationType().toString().equals(ASYNC));
  }

  /**
   * The generated class's simple name for {@code host}: {@code CAsync}, {@code Outer_InnerAsync}.
   */
  static String generatedName(TypeElement host) {
    StringBuilder sb = new StringBuilder();
    Element e = host;
    while (e instanceof TypeElement) {
      sb.insert(0, sb.length() == 0 ? e.getSimpleName() : e.getSimpleName() + "_");
      e = e.getEnclosingElement();
    }
    return sb + "Async";
  }

  /** The host model, or null when its source is not available (a class file). */
  Host discover(TypeElement type) {
    TreePath typePath = trees.getPath(type);
    if (typePath == null) {
      return null;
    }
    PackageElement pkg = elements.getPackageOf(type);
    Host host =
        new Host(
            type,
            typePath.getCompilationUnit(),
            pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString(),
            generatedName(type));
    List<String> used = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!isAsync(m)) {
        continue;
      }
      TreePath path = trees.getPath(m);
      if (path == null || !(path.getLeaf() instanceof MethodTree)) {
        continue;
      }
      Method method = new Method(m, (MethodTree) path.getLeaf(), path);
      String name = method.name();
      int n = 1;
      while (used.contains(name)) {
        n++;
        name = method.name() + "_" + n;
      }
      used.add(name);
      method.className = name;
      host.methods.add(method);
    }
    return host;
  }

  /** Whether {@code type} is a named class usable as a host (not local or anonymous). */
  static boolean isNamed(TypeElement type) {
    Element e = type;
    while (e instanceof TypeElement) {
      NestingKind k = ((TypeElement) e).getNestingKind();
      if (k == NestingKind.LOCAL || k == NestingKind.ANONYMOUS) {
        return false;
      }
      e = e.getEnclosingElement();
    }
    return true;
  }

  /**
   * The type a simple name denotes in {@code unit} from inside {@code context}: member types of the
   * enclosing classes (and their supertypes), single-type imports, the package, on-demand imports,
   * java.lang. Null when not found.
   */
  TypeElement resolveType(String name, CompilationUnitTree unit, TypeElement context) {
    for (Element e = context; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getSimpleName().contentEquals(name)) {
        return (TypeElement) e;
      }
      for (Element m : elements.getAllMembers((TypeElement) e)) {
        if (m instanceof TypeElement && m.getSimpleName().contentEquals(name)) {
          return (TypeElement) m;
        }
      }
    }
    for (ImportTree imp : unit.getImports()) {
      if (imp.isStatic()) {
        continue;
      }
      String q = imp.getQualifiedIdentifier().toString();
      if (q.endsWith("." + name)) {
        TypeElement t = elements.getTypeElement(q);
        if (t != null) {
          return t;
        }
      }
    }
    String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
    TypeElement same = elements.getTypeElement(pkg.isEmpty() ? name : pkg + "." + name);
    if (same != null) {
      return same;
    }
    for (ImportTree imp : unit.getImports()) {
      if (imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree)) {
        continue;
      }
      MemberSelectTree ms = (MemberSelectTree) imp.getQualifiedIdentifier();
      if (ms.getIdentifier().contentEquals("*")) {
        TypeElement t = elements.getTypeElement(ms.getExpression() + "." + name);
        if (t != null) {
          return t;
        }
      }
    }
    return elements.getTypeElement("java.lang." + name);
  }

  /** Resolves a dotted name ({@code Outer.Inner}, {@code p.C}) to a type, or null. */
  TypeElement resolveQualified(String dotted, CompilationUnitTree unit, TypeElement context) {
    TypeElement full = elements.getTypeElement(dotted);
    if (full != null) {
      return full;
    }
    String[] parts = dotted.split("\\.");
    TypeElement t = resolveType(parts[0], unit, context);
    for (int i = 1; t != null && i < parts.length; i++) {
      TypeElement next = null;
      for (Element m : t.getEnclosedElements()) {
        if (m instanceof TypeElement && m.getSimpleName().contentEquals(parts[i])) {
          next = (TypeElement) m;
        }
      }
      t = next;
    }
    return t;
  }

  /** The @Async methods named {@code name} declared in {@code type}. */
  static List<ExecutableElement> asyncMethods(TypeElement type, String name) {
    List<ExecutableElement> out = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (m.getSimpleName().contentEquals(name) && isAsync(m)) {
        out.add(m);
      }
    }
    return out;
  }

  /** The qualified name of the generated class of {@code type}. */
  static String generatedQualifiedName(Elements elements, TypeElement type) {
    PackageElement pkg = elements.getPackageOf(type);
    String simple = generatedName(type);
    return pkg.isUnnamed() ? simple : pkg.getQualifiedName() + "." + simple;
  }

  static boolean isClassLike(Element e) {
    return e.getKind() == ElementKind.CLASS
        || e.getKind() == ElementKind.ENUM
        || e.getKind() == ElementKind.RECORD
        || e.getKind() == ElementKind.INTERFACE;
  }
}
