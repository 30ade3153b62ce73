package org.asyncio4j.processor;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lowered form of one {@code @Async} body: numbered states holding Java statements, and the
 * fields the states share (parameters, locals live across awaits, temporaries).
 */
final class StateMachine {
  /** A jump target; numbered when placed, so that states are numbered in source order. */
  static final class Label {
    final int index;
    int state = -1;

    Label(int index) {
      this.index = index;
    }
  }

  /** One {@code case N:} of {@code resume()}. */
  static final class State {
    final int number;
    final StringBuilder code = new StringBuilder();

    /** The source line this state continues (an await's line), for async stack traces. */
    long line;

    State(int number) {
      this.number = number;
    }
  }

  final List<State> states = new ArrayList<>();
  final List<Label> labels = new ArrayList<>();

  /** Field name to type, in declaration order: parameters first, then locals and temporaries. */
  final Map<String, TypeName> fields = new LinkedHashMap<>();

  /** The subset of {@link #fields} that are the method's parameters. */
  final List<String> parameters = new ArrayList<>();

  /** Local classes declared in the body, placed before the state machine's loop. */
  final List<String> localClasses = new ArrayList<>();

  /**
   * Whether some jump sits inside a copied loop or switch and needs {@code continue stateMachine}.
   */
  boolean labelled;

  /** Marks a fall-through into state N: {@code FALL_THROUGH + N + FALL_THROUGH}. */
  static final char FALL_THROUGH = '\u0003';

  Label newLabel() {
    Label l = new Label(labels.size());
    labels.add(l);
    return l;
  }

  /** A placeholder for the state number of {@code l}, resolved by {@link #resolve(String)}. */
  static String ref(Label l) {
    return "\u0001" + l.index + "\u0002";
  }

  /**
   * The local of {@code resume()} that holds an awaitable whose value was ready at its await (null
   * after a suspension): see {@code Coroutine.awaitReady}. Declared by the emission when used.
   */
  static final String READY = "$ready";

  /**
   * The await of {@code x} continuing at {@code next}: returns from {@code resume()} if it suspends,
   * else keeps the awaitable in {@link #READY} and falls into {@code next}, whose code reads it with
   * {@link #readyResult}.
   */
  static String awaitReady(String x, Label next) {
    return "if ((" + READY + " = awaitReady(" + x + ", " + ref(next) + ")) == null) return;";
  }

  /**
   * The value of the await just before: {@code readyResult($ready)}, or with {@code witnessArgs}
   * (the type witness and/or the declared exception class) after it.
   */
  static String readyResult(String witnessArgs) {
    return "readyResult(" + READY + (witnessArgs == null ? "" : ", " + witnessArgs) + ")";
  }

  /**
   * Replaces label placeholders by state numbers; fall-through markers become {@code label = N;}
   * when {@code exactLabels} (the method dispatches exceptions by label), and vanish otherwise.
   */
  String resolve(String code, boolean exactLabels) {
    StringBuilder lines = new StringBuilder();
    for (String line : code.split("\n", -1)) {
      int at = line.indexOf(FALL_THROUGH);
      if (at >= 0) {
        if (exactLabels) {
          int end = line.indexOf(FALL_THROUGH, at + 1);
          lines.append(line, 0, at).append("label = ").append(line, at + 1, end).append(";\n");
        }
        continue;
      }
      lines.append(line).append('\n');
    }
    return resolve(lines.substring(0, lines.length() - 1));
  }

  String resolve(String code) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      if (c == '\u0001') {
        int close = code.indexOf('\u0002', i);
        int index = Integer.parseInt(code.substring(i + 1, close));
        sb.append(labels.get(index).state);
        i = close + 1;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }
}
