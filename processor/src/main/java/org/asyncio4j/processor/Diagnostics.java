package org.asyncio4j.processor;

/** Every message the processor reports, in one place. Each says what is wrong and how to fix it. */
final class Diagnostics {
  private Diagnostics() {}

  static String notJavac(String envClass) {
    return "asyncio4j: @Async methods are compiled by the asyncio4j annotation processor, which"
               + " needs javac's tree API (com.sun.source.util.Trees), but this compiler's"
               + " processing environment is "
        + envClass
        + ". Build with javac (Maven, Gradle, or IntelliJ's javac); Eclipse's"
        + " ECJ compiler is not supported.";
  }

  static String awaitOutsideAsync() {
    return "Await.of can only be used inside an @Async method. Annotate the enclosing method with"
        + " @Async (it must return Coroutine<T>), or move the await into an @Async method and run"
        + " that coroutine with Asyncio.run(...).";
  }

  static String eachOutsideFor() {
    return "Await.each(...) is Python's 'async for': it can only be the iterable of an enhanced for"
        + " loop inside an @Async method, as in: for (T x : Await.each(items)) { ... }";
  }

  static String awaitInLambda() {
    return "Await.of cannot be used inside a lambda or method reference: the lambda runs later,"
               + " outside this coroutine. Make the lambda's work an @Async method and await it"
               + " here, or await the value before creating the lambda and capture the result.";
  }

  static String awaitInClass() {
    return "Await.of cannot be used inside an anonymous or local class: its methods run outside"
               + " this coroutine. Move the awaiting code into an @Async method of a named class"
               + " and await it here.";
  }

  static String awaitInSynchronized() {
    return "Await.of cannot be used inside a synchronized block: the coroutine would suspend while"
        + " holding the monitor, and resume on the event loop after other tasks ran. Use an"
        + " asyncio4j Lock instead: try (lock) { ... } (Python's 'async with lock').";
  }

  static String badReturnType(String found) {
    return "an @Async method must be declared to return Coroutine<T> (or AsyncGenerator<T>), but"
               + " this one returns "
        + found
        + ". Change the return type to Coroutine<"
        + box(found)
        + "> and return Coroutine.of(value) (or Coroutine.done() for Coroutine<Void>).";
  }

  private static String box(String t) {
    switch (t) {
      case "void":
        return "Void";
      case "int":
        return "Integer";
      case "char":
        return "Character";
      case "boolean":
      case "byte":
      case "short":
      case "long":
      case "float":
      case "double":
        return Character.toUpperCase(t.charAt(0)) + t.substring(1);
      default:
        return t;
    }
  }

  static String abstractAsync() {
    return "an @Async method needs a body to compile into a coroutine, so it cannot be abstract."
        + " Give it a body, or remove @Async here and put it on the implementing method.";
  }

  static String nativeAsync() {
    return "an @Async method cannot be native: the processor compiles its Java body into a"
               + " coroutine. Remove @Async, or write the body in Java.";
  }

  static String privateAsync(String generated) {
    return "an @Async method cannot be private: the generated class "
        + generated
        + " must call or"
        + " override it. Make it package-private (remove 'private').";
  }

  static String synchronizedAsync() {
    return "an @Async method cannot be synchronized: the coroutine runs in steps on the event loop,"
        + " and no monitor is held across its awaits. Remove 'synchronized' and guard the shared"
        + " state with an asyncio4j Lock: try (lock) { ... }.";
  }

  static String onlyPrivateConstructors(String host, String generated) {
    return "the generated class "
        + generated
        + " extends "
        + host
        + " to implement its instance"
        + " @Async methods, but every constructor of "
        + host
        + " is private. Make a constructor"
        + " package-private or protected.";
  }

  static String privateHost(String host) {
    return "@Async methods cannot be declared in the private class "
        + host
        + ": the generated class"
        + " next to it cannot reach it. Make "
        + host
        + " package-private.";
  }

  static String localHost() {
    return "@Async methods cannot be declared in a local or anonymous class: the processor"
               + " generates a top-level class next to the host class. Move the method into a named"
               + " top-level or member class.";
  }

  static String instanceInConcreteClass(String host, String generated) {
    return "the instance @Async method is declared in the non-abstract class "
        + host
        + ". The"
        + " generated class "
        + generated
        + " extends "
        + host
        + " and overrides it, so declare "
        + host
        + " abstract and create instances with new "
        + generated
        + "(...) (for example from"
        + " a static factory method in "
        + host
        + "), or make the method static.";
  }

  static String instanceInFinalClass(String host, String generated) {
    return "the instance @Async method is declared in the final class "
        + host
        + ", but the generated"
        + " class "
        + generated
        + " must extend it. Remove 'final' and declare "
        + host
        + " abstract, or make the method static.";
  }

  static String instanceInInterface(String host) {
    return "@Async methods cannot be declared in the interface "
        + host
        + ". Declare them in an"
        + " abstract class, or as static methods of a class.";
  }

  static String instanceInNonStaticInner(String host) {
    return "instance @Async methods cannot be declared in the inner (non-static) class "
        + host
        + ": the generated subclass could not be created outside it. Make "
        + host
        + " static.";
  }

  static String privateMember(String name, String host, String generated) {
    return name
        + " is private in "
        + host
        + ", so the generated class "
        + generated
        + " cannot"
        + " reach it. Make it package-private (remove 'private').";
  }

  static String superMemberOfHost(String what, String host) {
    return what
        + " would reach "
        + host
        + "'s own member, not its superclass's: the generated class extends "
        + host
        + ", so 'super' there is "
        + host
        + ". Call it through a method of "
        + host
        + " that is not @Async (e.g. 'String superName() { return super.name(); }').";
  }

  static String directStaticCall(String host, String method, String generated) {
    return host
        + "."
        + method
        + "(...) is an @Async method: outside @Async methods call the"
        + " generated coroutine "
        + generated
        + "."
        + method
        + "(...) instead (the original method"
        + " only works when awaited from another @Async method).";
  }

  static String unnameableLocal(String name, String type) {
    return "the local variable '"
        + name
        + "' has the type "
        + type
        + ", which cannot be written as"
        + " the type of a field of the generated coroutine. Give it a named type: declare it with"
        + " an explicit class or interface type (not var), or make the anonymous/local class a"
        + " named member class.";
  }

  static String yieldOutsideGenerator() {
    return "Yield.of can only be used in an async generator: an @Async method declared to return"
        + " AsyncGenerator<T> (ending with 'return AsyncGenerator.end();'). Change the return type,"
        + " or return a value with Coroutine.of(...) instead.";
  }

  static String yieldNotStatement() {
    return "Yield.of(value) must be a statement of its own (Python's 'yield value'); its result"
        + " cannot be used in an expression.";
  }

  static String internalError(String host, Throwable e) {
    StackTraceElement[] st = e.getStackTrace();
    String where = st.length > 0 ? " at " + st[0] : "";
    return "asyncio4j could not compile the @Async methods of "
        + host
        + ": internal error "
        + e
        + where
        + ". Please report it with the method's source; meanwhile, rewriting the statement"
        + " the error points to (for example awaiting into a local variable first) avoids it.";
  }

  static String unknownLocalType(String name) {
    return "asyncio4j could not find the type of the local variable '"
        + name
        + "' (javac's scope"
        + " does not list it here). Declare it with an explicit type, or move its declaration to a"
        + " statement of its own.";
  }

  static String caseLabelNotCopied(String what) {
    return "the labels of a switch whose cases await are copied into the generated coroutine as"
        + " written, where "
        + what
        + " would mean something else. Compute that value into a local variable before the switch"
        + " and use the variable in the label.";
  }

  static String unsupportedAwaitPosition(String what) {
    return "Await.of is not supported inside "
        + what
        + " yet. Await the value first into a local"
        + " variable on its own line (T value = Await.of(...);) and use the variable here.";
  }

  static String switchArgumentTarget() {
    return "this switch expression is evaluated before a later Await.of in the same call or array"
        + " initializer, and asyncio4j cannot tell the type it is passed as (overloads of the"
        + " method take different types here, or its results have different types): Java"
        + " converts each result to that type, so the value could differ. Compute it into a"
        + " local variable of the parameter's type first (T x = switch ...;) and pass x.";
  }

  static String returnWithoutCoroutine() {
    return "an @Async method returns its result with 'return Coroutine.of(value);', 'return"
        + " Coroutine.done();' or 'return <awaitable>;'.";
  }

  static String droppedCoroutine(String call) {
    return "["
        + lint(Lints.NEVER_AWAITED)
        + "] the coroutine returned by "
        + call
        + " is never awaited, so it never runs (Python: 'coroutine was never awaited'). Await it"
        + " with Await.of(...), or schedule it with Asyncio.createTask(...)."
        + suppress(Lints.NEVER_AWAITED);
  }

  /**
   * A blocking call: {@code what} names the JDK method ({@code Thread.sleep}), {@code alternative}
   * is a sentence saying what to use instead.
   */
  static String blockingCall(String what, String alternative) {
    return "["
        + lint(Lints.BLOCKING_CALL)
        + "] "
        + what
        + " blocks the event loop: every other task waits until it returns. "
        + alternative
        + "."
        + suppress(Lints.BLOCKING_CALL);
  }

  private static String lint(String name) {
    return "asyncio4j:" + name;
  }

  private static String suppress(String name) {
    return " (To keep it deliberately, annotate the method or class with"
        + " @SuppressWarnings(\""
        + lint(name)
        + "\").)";
  }

  static String asyncWithOutsideAsync(String name) {
    return name
        + " is an AsyncCloseable: try-with-resources over it only works inside an @Async"
        + " method (Python's 'async with'), where it is entered and exited with awaits; here its"
        + " close() would always fail. Move this block into an @Async method.";
  }

  static String closeOfAsyncCloseable() {
    return "close() of an AsyncCloseable always fails: an async resource is entered and exited with"
        + " awaits. Use it in try-with-resources inside an @Async method (Python's 'async with').";
  }
}
