package dev.parallelrun.report.cli;

import java.io.Console;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What the command knows about where its output goes.
 *
 * @param interactive true when the JVM has a terminal ({@link System#console()}): then standard output and
 *     standard error are taken to be that terminal
 * @param charset the encoding of standard output
 * @param noColor true when the {@code NO_COLOR} convention or {@code TERM=dumb} asks for no colour
 */
record Terminal(boolean interactive, Charset charset, boolean noColor) {

    /** Nothing interactive, UTF-8: how tests and pipes run. */
    static Terminal none() {
        return new Terminal(false, StandardCharsets.UTF_8, true);
    }

    /** This JVM's. */
    static Terminal detect() {
        String encoding = System.getProperty("stdout.encoding");
        Charset charset;
        try {
            charset = encoding == null ? Charset.defaultCharset() : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            charset = Charset.defaultCharset();
        }
        String noColor = System.getenv("NO_COLOR");
        boolean dumb = "dumb".equals(System.getenv("TERM"));
        return new Terminal(consoleIsTerminal(), charset, (noColor != null && !noColor.isEmpty()) || dumb);
    }

    /**
     * {@code System.console() != null}, and on JDK 22+, where a console may exist without a terminal,
     * {@code Console.isTerminal()}. That method is looked up because the code compiles for Java 21.
     */
    // compiled for Java 21, where System.console() is null without a terminal
    @SuppressWarnings("SystemConsoleNull")
    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        MethodHandle isTerminal;
        try {
            isTerminal = MethodHandles.publicLookup()
                    .findVirtual(Console.class, "isTerminal", MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
        try {
            return (boolean) isTerminal.invoke(console);
        } catch (Throwable e) {
            return false;
        }
    }

    boolean unicode() {
        return charset.equals(StandardCharsets.UTF_8)
                || charset.name().toUpperCase(java.util.Locale.ROOT).startsWith("UTF");
    }
}
