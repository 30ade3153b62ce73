package org.asyncio4j.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The processor's warnings (lints), each with a stable name that
 * {@code @SuppressWarnings("asyncio4j:<name>")} silences ({@code @SuppressWarnings("asyncio4j")}
 * silences them all), and the resolution they need inside an {@code @Async} body: the method a call
 * denotes, found by element from static types known without attributing the body (locals and
 * parameters from {@link Trees#getScope}, fields, static imports, qualified type names, and the
 * return types of calls resolved that way). Calls whose method cannot be found this way are not
 * reported.
 */
final class Lints {
  /** A coroutine-returning call whose result is dropped: the coroutine never runs. */
  static final String NEVER_AWAITED = "never-awaited";

  /** A known blocking JDK call on the event loop's thread. */
  static final String BLOCKING_CALL = "blocking-call";

  /** Whether the annotation is {@code @SuppressWarnings} naming {@code asyncio4j} or the lint. */
  static boolean suppresses(AnnotationTree a, String lint) {
    String t = a.getAnnotationType().toString();
    if (!t.equals("SuppressWarnings") && !t.equals("java.lang.SuppressWarnings")) {
      return false;
    }
    List<String> names = new ArrayList<>();
    for (ExpressionTree arg : a.getArguments()) {
      ExpressionTree v =
          arg instanceof AssignmentTree ? ((AssignmentTree) arg).getExpression() : arg;
      if (v instanceof NewArrayTree && ((NewArrayTree) v).getInitializers() != null) {
        for (ExpressionTree e : ((NewArrayTree) v).getInitializers()) {
          addLiteral(e, names);
        }
      } else {
        addLiteral(v, names);
      }
    }
    return names.contains("asyncio4j") || names.contains("asyncio4j:" + lint);
  }

  private static void addLiteral(ExpressionTree e, List<String> out) {
    if (e instanceof LiteralTree && ((LiteralTree) e).getValue() instanceof String) {
      out.add((String) ((LiteralTree) e).getValue());
    }
  }

  /** A family of blocking JDK methods: what the message names and the asyncio4j alternative. */
  private static final class Blocking {
    final String owner;
    final Set<String> names;
    final String alternative;

    Blocking(String owner, String alternative, String... names) {
      this.owner = owner;
      this.alternative = alternative;
      this.names = Set.of(names);
    }
  }

  private static final String STREAMS =
      "Use asyncio4j's streams (the StreamReader/StreamWriter of Asyncio.openConnection(host,"
          + " port), AsyncFiles for files), or run it on a worker thread with"
          + " Await.of(Asyncio.toThread(() -> ...))";

  private static final String JDBC =
      "Run the JDBC work on a worker thread: Await.of(Asyncio.toThread(() -> ...))";

  private static final String SLEEP = "Use Await.of(Asyncio.sleep(seconds)) instead";

  private static final String WAIT =
      "Use an asyncio4j Event or Condition instead: Await.of(event.waitAsync())";

  /** Checked in order: the first family whose owner declares the called method names it. */
  private static final List<Blocking> BLOCKING =
      List.of(
          new Blocking("java.lang.Thread", SLEEP, "sleep"),
          new Blocking("java.util.concurrent.TimeUnit", SLEEP, "sleep"),
          new Blocking(
              "java.lang.Thread",
              "Run the thread's work with Await.of(Asyncio.toThread(() -> ...)) instead",
              "join"),
          new Blocking("java.lang.Object", WAIT, "wait"),
          new Blocking(
              "java.util.concurrent.CompletableFuture",
              "Use Await.of(future) instead",
              "get",
              "join"),
          new Blocking(
              "java.util.concurrent.Future",
              "Await a CompletionStage with Await.of(future); wait for another Future on a worker"
                  + " thread with Await.of(Asyncio.toThread(future::get))",
              "get"),
          new Blocking(
              "java.io.InputStream",
              STREAMS,
              "read",
              "readAllBytes",
              "readNBytes",
              "skip",
              "skipNBytes",
              "transferTo"),
          new Blocking("java.io.OutputStream", STREAMS, "write", "flush"),
          new Blocking("java.io.BufferedReader", STREAMS, "readLine"),
          new Blocking("java.io.Reader", STREAMS, "read", "skip", "transferTo"),
          new Blocking("java.io.Writer", STREAMS, "write", "append", "flush"),
          new Blocking("java.sql.DriverManager", JDBC, "getConnection"),
          new Blocking("javax.sql.DataSource", JDBC, "getConnection"),
          new Blocking("java.sql.Connection", JDBC, "commit", "rollback"),
          new Blocking(
              "java.sql.PreparedStatement",
              JDBC,
              "execute",
              "executeQuery",
              "executeUpdate",
              "executeLargeUpdate"),
          new Blocking(
              "java.sql.Statement",
              JDBC,
              "execute",
              "executeQuery",
              "executeUpdate",
              "executeBatch",
              "executeLargeUpdate",
              "executeLargeBatch"),
          new Blocking("java.sql.ResultSet", JDBC, "next"),
          new Blocking(
              "java.net.http.HttpClient",
              "Use asyncio4j's HttpSession (Await.of(session.get(url))), or"
                  + " Await.of(client.sendAsync(request, handler))",
              "send"),
          new Blocking(
              "java.net.ServerSocket",
              "Use Asyncio.startServer(handler, host, port) instead",
              "accept"),
          new Blocking(
              "java.net.Socket", "Use Asyncio.openConnection(host, port) instead", "connect"),
          new Blocking(
              "java.lang.Process",
              "Use Await.of(process.onExit()), or start it with Asyncio.createSubprocessExec(...)"
                  + " and Await.of(proc.waitFor())",
              "waitFor"),
          new Blocking(
              "java.util.concurrent.CountDownLatch",
              "Use an asyncio4j Event instead: Await.of(event.waitAsync())",
              "await"),
          new Blocking(
              "java.util.concurrent.CyclicBarrier",
              "Use an asyncio4j Barrier instead: Await.of(barrier.waitAsync())",
              "await"),
          new Blocking(
              "java.util.concurrent.BlockingQueue",
              "Use an asyncio4j Queue instead: Await.of(queue.get()), Await.of(queue.put(item))",
              "take",
              "put"),
          new Blocking(
              "java.util.concurrent.Semaphore",
              "Use an asyncio4j Semaphore instead: try (semaphore) { ... }, or"
                  + " Await.of(semaphore.acquire())",
              "acquire",
              "acquireUninterruptibly"),
          new Blocking(
              "java.util.concurrent.locks.Lock",
              "Use an asyncio4j Lock instead: try (lock) { ... }",
              "lock",
              "lockInterruptibly"),
          new Blocking(
              "java.nio.file.Files",
              null,
              "readString",
              "readAllBytes",
              "readAllLines",
              "write",
              "writeString",
              "lines",
              "newBufferedReader",
              "newInputStream",
              "newBufferedWriter",
              "newOutputStream",
              "copy",
              "move",
              "delete",
              "deleteIfExists",
              "list",
              "walk",
              "find"));

  /** In-memory and console streams: reading or writing them does not wait for I/O. */
  private static final List<String> NOT_BLOCKING =
      List.of(
          "java.io.ByteArrayInputStream",
          "java.io.ByteArrayOutputStream",
          "java.io.StringReader",
          "java.io.StringWriter",
          "java.io.CharArrayReader",
          "java.io.CharArrayWriter",
          "java.io.PrintStream");

  private static final Set<String> BLOCKING_NAMES = new HashSet<>();

  static {
    for (Blocking b : BLOCKING) {
      BLOCKING_NAMES.addAll(b.names);
    }
  }

  /** The alternative for a blocking {@code Files} method. */
  private static String filesAlternative(String name) {
    switch (name) {
      case "readString":
        return "Use Await.of(AsyncFiles.readString(path)) instead";
      case "readAllBytes":
        return "Use Await.of(AsyncFiles.readAllBytes(path)) instead";
      case "writeString":
        return "Use Await.of(AsyncFiles.writeString(path, text)) instead";
      case "write":
        return "Use Await.of(AsyncFiles.write(path, bytes)) (or AsyncFiles.writeString) instead";
      case "readAllLines":
      case "lines":
      case "newBufferedReader":
      case "newInputStream":
        return "Use AsyncFiles.open(path, \"r\") and read it with Await.of(file.readLine()) or"
            + " for (String line : Await.each(file.lines())) instead";
      case "newBufferedWriter":
      case "newOutputStream":
        return "Use AsyncFiles.open(path, \"w\") and Await.of(file.write(text)) instead";
      default:
        return "Run it on a worker thread: Await.of(Asyncio.toThread(() -> Files."
            + name
            + "(...)))";
    }
  }

  private final Trees trees;
  private final Discovery discovery;
  private final Elements elements;
  private final Types types;
  private final CompilationUnitTree unit;
  private final TypeElement host;
  private final Set<String> locals;

  /** Locals visible at the end of each block (one getScope call per block). */
  private final Map<Tree, Map<String, TypeMirror>> blockScopes = new IdentityHashMap<>();

  /**
   * Resolution inside one {@code @Async} method of {@code host}; {@code locals} are the names
   * declared in it.
   */
  Lints(
      Trees trees,
      Discovery discovery,
      Elements elements,
      Types types,
      CompilationUnitTree unit,
      TypeElement host,
      Set<String> locals) {
    this.trees = trees;
    this.discovery = discovery;
    this.elements = elements;
    this.types = types;
    this.unit = unit;
    this.host = host;
    this.locals = locals;
  }

  /**
   * The blocking call's description ({@code Thread.sleep blocks ... Use ...}) when the call at
   * {@code path} is a known blocking JDK method, or null.
   */
  String[] blocking(TreePath path) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    String name = calleeName(call);
    if (name == null || !BLOCKING_NAMES.contains(name) || host == null) {
      return null;
    }
    Call c = resolveCall(path);
    if (c == null) {
      // Object.wait() is final: whatever the receiver, a no-argument wait() is Object's.
      if (name.equals("wait") && call.getArguments().isEmpty()) {
        return new String[] {"Object.wait", WAIT};
      }
      return null;
    }
    if (c.methods.isEmpty() || (c.receiver != null && notBlocking(c.receiver))) {
      return null;
    }
    for (Blocking b : BLOCKING) {
      if (!b.names.contains(name)) {
        continue;
      }
      TypeElement owner = elements.getTypeElement(b.owner);
      if (owner == null) {
        continue;
      }
      boolean all = true;
      for (ExecutableElement m : c.methods) {
        all &= isOrOverrides(m, owner);
      }
      if (all) {
        String what = owner.getSimpleName() + "." + name;
        return new String[] {what, b.alternative != null ? b.alternative : filesAlternative(name)};
      }
    }
    return null;
  }

  /** Whether {@code m} is a method of {@code owner} or overrides one of the same name. */
  private boolean isOrOverrides(ExecutableElement m, TypeElement owner) {
    TypeElement decl = (TypeElement) m.getEnclosingElement();
    if (decl.equals(owner)) {
      return true;
    }
    if (m.getModifiers().contains(Modifier.STATIC)
        || !types.isSubtype(types.erasure(decl.asType()), types.erasure(owner.asType()))) {
      return false;
    }
    for (ExecutableElement om : ElementFilter.methodsIn(owner.getEnclosedElements())) {
      if (om.getSimpleName().equals(m.getSimpleName()) && elements.overrides(m, om, decl)) {
        return true;
      }
    }
    return false;
  }

  private boolean notBlocking(TypeMirror receiver) {
    for (String n : NOT_BLOCKING) {
      TypeElement t = elements.getTypeElement(n);
      if (t != null && types.isSubtype(types.erasure(receiver), types.erasure(t.asType()))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the call at {@code path} denotes methods that all return a coroutine. */
  boolean returnsCoroutine(TreePath path) {
    TypeElement coroutine = elements.getTypeElement("org.asyncio4j.Coroutine");
    if (coroutine == null || host == null) {
      return false;
    }
    Call c = resolveCall(path);
    if (c == null || c.methods.isEmpty()) {
      return false;
    }
    for (ExecutableElement m : c.methods) {
      TypeMirror r = m.getReturnType();
      if (r.getKind() != TypeKind.DECLARED
          || !types.isSubtype(types.erasure(r), types.erasure(coroutine.asType()))) {
        return false;
      }
    }
    return true;
  }

  private static String calleeName(MethodInvocationTree call) {
    ExpressionTree sel = call.getMethodSelect();
    if (sel instanceof IdentifierTree) {
      return ((IdentifierTree) sel).getName().toString();
    }
    if (sel instanceof MemberSelectTree) {
      return ((MemberSelectTree) sel).getIdentifier().toString();
    }
    return null;
  }

  /** The methods a call may denote (by name and number of arguments) and its receiver's type. */
  private static final class Call {
    final DeclaredType receiver;
    final List<ExecutableElement> methods;

    Call(DeclaredType receiver, List<ExecutableElement> methods) {
      this.receiver = receiver;
      this.methods = methods;
    }
  }

  private Call resolveCall(TreePath path) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    int arity = call.getArguments().size();
    ExpressionTree sel = call.getMethodSelect();
    if (sel instanceof IdentifierTree) {
      String name = ((IdentifierTree) sel).getName().toString();
      for (Element c = host; c instanceof TypeElement; c = enclosingType(c)) {
        List<ExecutableElement> named = methods((TypeElement) c, name, -1);
        if (!named.isEmpty()) {
          return new Call((DeclaredType) c.asType(), methods((TypeElement) c, name, arity));
        }
      }
      TypeElement owner = staticImportOwner(name, true);
      if (owner == null) {
        return null;
      }
      List<ExecutableElement> ms = new ArrayList<>();
      for (ExecutableElement m : methods(owner, name, arity)) {
        if (m.getModifiers().contains(Modifier.STATIC)) {
          ms.add(m);
        }
      }
      return new Call(null, ms);
    }
    if (!(sel instanceof MemberSelectTree)) {
      return null;
    }
    MemberSelectTree ms = (MemberSelectTree) sel;
    String name = ms.getIdentifier().toString();
    ExpressionTree recv = ms.getExpression();
    if (recv instanceof IdentifierTree
        && ((IdentifierTree) recv).getName().contentEquals("super")) {
      return null;
    }
    TypeMirror t = typeOf(new TreePath(new TreePath(path, ms), recv));
    if (t != null && t.getKind() == TypeKind.TYPEVAR) {
      t = ((TypeVariable) t).getUpperBound();
    }
    if (t != null && t.getKind() == TypeKind.DECLARED && !TypeAnalysis.hasError(t)) {
      TypeElement te = (TypeElement) ((DeclaredType) t).asElement();
      return new Call((DeclaredType) t, methods(te, name, arity));
    }
    if (t == null) {
      TypeElement te = typeName(recv);
      if (te != null) {
        List<ExecutableElement> out = new ArrayList<>();
        for (ExecutableElement m : methods(te, name, arity)) {
          if (m.getModifiers().contains(Modifier.STATIC)) {
            out.add(m);
          }
        }
        return new Call(null, out);
      }
    }
    return null;
  }

  /** Methods named {@code name} of {@code t} (inherited ones too) taking {@code arity} args. */
  private List<ExecutableElement> methods(TypeElement t, String name, int arity) {
    List<ExecutableElement> out = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(t))) {
      if (!m.getSimpleName().contentEquals(name)) {
        continue;
      }
      int n = m.getParameters().size();
      if (arity < 0 || n == arity || (m.isVarArgs() && arity >= n - 1)) {
        out.add(m);
      }
    }
    return out;
  }

  private static Element enclosingType(Element e) {
    Element outer = e.getEnclosingElement();
    while (outer != null && !(outer instanceof TypeElement)) {
      outer = outer.getEnclosingElement();
    }
    return outer;
  }

  /** The type whose static member {@code name} (a method or a field) a static import brings. */
  private TypeElement staticImportOwner(String name, boolean method) {
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic() || !(imp.getQualifiedIdentifier() instanceof MemberSelectTree)) {
        continue;
      }
      MemberSelectTree q = (MemberSelectTree) imp.getQualifiedIdentifier();
      String member = q.getIdentifier().toString();
      if (!member.equals(name) && !member.equals("*")) {
        continue;
      }
      TypeElement owner = elements.getTypeElement(q.getExpression().toString());
      if (owner == null) {
        continue;
      }
      for (Element m : elements.getAllMembers(owner)) {
        if (m.getSimpleName().contentEquals(name)
            && m.getModifiers().contains(Modifier.STATIC)
            && (method ? m.getKind() == ElementKind.METHOD : m.getKind().isField())) {
          return owner;
        }
      }
    }
    return null;
  }

  /** The type a (qualified) type name denotes, unless its first name is a variable; or null. */
  private TypeElement typeName(ExpressionTree e) {
    if (e instanceof ParameterizedTypeTree) {
      e = (ExpressionTree) ((ParameterizedTypeTree) e).getType();
    }
    if (!Validation.isTypeName(e)) {
      return null;
    }
    String q = e.toString();
    String first = Validation.firstName(q);
    if (locals.contains(first) || field(first) != null) {
      return null;
    }
    return discovery.resolveQualified(q, unit, host);
  }

  /** The static type of the expression at {@code path} when known without attribution, or null. */
  private TypeMirror typeOf(TreePath path) {
    Tree e = path.getLeaf();
    if (e instanceof ParenthesizedTree) {
      return typeOf(new TreePath(path, ((ParenthesizedTree) e).getExpression()));
    }
    if (e instanceof TypeCastTree) {
      TypeElement t = typeName((ExpressionTree) ((TypeCastTree) e).getType());
      return t == null ? null : types.erasure(t.asType());
    }
    if (e instanceof NewClassTree) {
      TypeElement t = typeName(((NewClassTree) e).getIdentifier());
      return t == null ? null : types.erasure(t.asType());
    }
    if (e instanceof IdentifierTree) {
      String name = ((IdentifierTree) e).getName().toString();
      if (name.equals("this")) {
        return host.asType();
      }
      if (locals.contains(name)) {
        TypeMirror t = localType(path, name);
        if (t != null) {
          return t;
        }
      }
      VariableElement f = field(name);
      if (f != null) {
        return f.asType();
      }
      TypeElement owner = staticImportOwner(name, false);
      return owner == null ? null : staticField(owner, name);
    }
    if (e instanceof MemberSelectTree) {
      MemberSelectTree ms = (MemberSelectTree) e;
      String name = ms.getIdentifier().toString();
      if (name.equals("class") || name.equals("this")) {
        return null;
      }
      TypeMirror t = typeOf(new TreePath(path, ms.getExpression()));
      if (t != null && t.getKind() == TypeKind.DECLARED) {
        for (VariableElement f :
            ElementFilter.fieldsIn(elements.getAllMembers((TypeElement) types.asElement(t)))) {
          if (f.getSimpleName().contentEquals(name)) {
            return memberType((DeclaredType) t, f);
          }
        }
        return null;
      }
      if (t == null) {
        TypeElement owner = typeName(ms.getExpression());
        return owner == null ? null : staticField(owner, name);
      }
      return null;
    }
    if (e instanceof MethodInvocationTree) {
      Call c = resolveCall(path);
      if (c == null || c.methods.isEmpty()) {
        return null;
      }
      TypeMirror result = null;
      for (ExecutableElement m : c.methods) {
        TypeMirror r = returnType(c.receiver, m);
        if (r.getKind() == TypeKind.TYPEVAR) {
          r = ((TypeVariable) r).getUpperBound();
        }
        if (r.getKind() != TypeKind.DECLARED) {
          return null;
        }
        if (result == null) {
          result = r;
        } else if (!types.isSameType(types.erasure(result), types.erasure(r))) {
          return null;
        }
      }
      return result;
    }
    return null;
  }

  private TypeMirror memberType(DeclaredType owner, Element member) {
    try {
      return types.asMemberOf(owner, member);
    } catch (IllegalArgumentException e) {
      return member.asType();
    }
  }

  private TypeMirror returnType(DeclaredType receiver, ExecutableElement m) {
    if (receiver != null && !m.getModifiers().contains(Modifier.STATIC)) {
      TypeMirror t = memberType(receiver, m);
      if (t instanceof ExecutableType) {
        return ((ExecutableType) t).getReturnType();
      }
    }
    return m.getReturnType();
  }

  private static TypeMirror staticField(TypeElement owner, String name) {
    for (VariableElement f : ElementFilter.fieldsIn(owner.getEnclosedElements())) {
      if (f.getSimpleName().contentEquals(name) && f.getModifiers().contains(Modifier.STATIC)) {
        return f.asType();
      }
    }
    return null;
  }

  /** The field {@code name} of the host or the innermost enclosing class that has one. */
  private VariableElement field(String name) {
    for (Element c = host; c instanceof TypeElement; c = enclosingType(c)) {
      for (VariableElement f : ElementFilter.fieldsIn(elements.getAllMembers((TypeElement) c))) {
        if (f.getSimpleName().contentEquals(name)) {
          return f;
        }
      }
    }
    return null;
  }

  /**
   * The type of the local {@code name} visible at {@code path}: from the locals at the end of the
   * innermost enclosing block (one getScope call per block), or, for a local of a loop header,
   * catch clause or pattern, or one redeclared later in the block, from a getScope call here.
   */
  private TypeMirror localType(TreePath path, String name) {
    TreePath stmt = path;
    TreePath parent = stmt.getParentPath();
    while (parent != null
        && !(parent.getLeaf() instanceof BlockTree)
        && !(parent.getLeaf() instanceof MethodTree)
        && !(parent.getLeaf() instanceof ClassTree)
        && !(parent.getLeaf() instanceof LambdaExpressionTree)) {
      stmt = parent;
      parent = stmt.getParentPath();
    }
    if (parent != null && parent.getLeaf() instanceof BlockTree) {
      List<? extends StatementTree> stats = ((BlockTree) parent.getLeaf()).getStatements();
      boolean later = false;
      boolean after = false;
      for (StatementTree s : stats) {
        after |= s == stmt.getLeaf();
        later |=
            after && s instanceof VariableTree && ((VariableTree) s).getName().contentEquals(name);
      }
      if (!later && after) {
        TreePath end = new TreePath(parent, stats.get(stats.size() - 1));
        TypeMirror t =
            blockScopes.computeIfAbsent(parent.getLeaf(), k -> scopeLocals(end)).get(name);
        if (t != null) {
          return t;
        }
      }
    }
    return scopeLocals(path).get(name);
  }

  private Map<String, TypeMirror> scopeLocals(TreePath at) {
    Map<String, TypeMirror> out = new HashMap<>();
    for (Element e : trees.getScope(at).getLocalElements()) {
      ElementKind k = e.getKind();
      if (k == ElementKind.LOCAL_VARIABLE
          || k == ElementKind.PARAMETER
          || k == ElementKind.EXCEPTION_PARAMETER
          || k == ElementKind.RESOURCE_VARIABLE
          || k.name().equals("BINDING_VARIABLE")) {
        out.putIfAbsent(e.getSimpleName().toString(), e.asType());
      }
    }
    return out;
  }
}
