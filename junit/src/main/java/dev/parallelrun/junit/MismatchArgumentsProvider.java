package dev.parallelrun.junit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallelrun.experiment.Outcome;
import dev.parallelrun.runtime.diff.Differs;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.AggregateWith;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclaration;
import org.junit.jupiter.params.support.ParameterDeclarations;
import org.junit.platform.commons.support.ReflectionSupport;

/** The arguments of a {@link MismatchSource} test: see there for what a test may rely on. */
final class MismatchArgumentsProvider extends AnnotationBasedArgumentsProvider<MismatchSource> {

    private static final System.Logger LOG = System.getLogger(MismatchSource.class.getName());
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{16}");
    /** Problems listed in a failure; the rest are counted. */
    static final int LISTED = 25;

    MismatchArgumentsProvider() {}

    @Override
    protected Stream<? extends Arguments> provideArguments(
            ParameterDeclarations parameters, ExtensionContext context, MismatchSource source) {
        String what = "@MismatchSource(experiment = \"" + source.experiment() + "\")";
        checkAttributes(source, what);
        Roles roles = Roles.of(parameters, what);
        ObjectMapper mapper = mapper(source.mapper(), context.getRequiredTestClass(), what);
        Path base = Path.of("").toAbsolutePath();
        List<Path> files = files(source.files(), base, what);
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        outcomes.addAll(Arrays.asList(source.outcomes()));
        MismatchReader.Selection selection = new MismatchReader.Selection(
                source.experiment(),
                new LinkedHashSet<>(Arrays.asList(source.signatures())),
                outcomes,
                source.candidate(),
                source.examples(),
                mapper,
                roles.type(roles.input, mapper),
                roles.type(roles.control, mapper));
        MismatchReader.Reading reading;
        try {
            reading = MismatchReader.read(files, selection);
        } catch (IOException e) {
            throw new MismatchSourceException(what + ": reading the files failed: " + e, e);
        }
        if (!reading.tornLines().isEmpty()) {
            context.publishReportEntry(
                    "parallel-run", list("skipped, as the format tells readers to", reading.tornLines(), base));
        }
        if (!reading.problems().isEmpty()) {
            String listed = list(
                    what + ": " + count(reading.problems().size(), "line") + " cannot be replayed",
                    reading.problems(),
                    base);
            if (source.unreadable() == MismatchSource.Unreadable.FAIL) {
                throw new MismatchSourceException(listed + "\nFix or remove these lines, or replay the others with"
                        + " @MismatchSource(unreadable = Unreadable.REPORT).");
            }
            context.publishReportEntry("parallel-run", listed);
            LOG.log(Level.WARNING, listed);
        }
        if (reading.cases().isEmpty()) {
            if (allowsZeroInvocations(context)) {
                return Stream.empty();
            }
            throw new MismatchSourceException(nothingToReplay(what, source, reading, files.size()));
        }
        return reading.cases().stream()
                .map(made -> Arguments.argumentSet(made.recorded().displayName(), roles.arguments(made)));
    }

    private static void checkAttributes(MismatchSource source, String what) {
        List<String> problems = new ArrayList<>();
        if (source.files().length == 0) {
            problems.add("files must name at least one file or directory");
        }
        if (source.experiment().isEmpty()) {
            problems.add("experiment must not be empty");
        }
        if (source.outcomes().length == 0) {
            problems.add("outcomes must name at least one outcome");
        }
        if (source.examples() < 1) {
            problems.add("examples must be at least 1, was " + source.examples());
        }
        for (String signature : source.signatures()) {
            if (!SIGNATURE.matcher(signature).matches()) {
                problems.add("signatures: '" + signature + "' is not a signature (16 lowercase hex characters)");
            }
        }
        if (!problems.isEmpty()) {
            throw new MismatchSourceException(what + ": " + String.join("; ", problems));
        }
    }

    /** The files to read: each file given, and the {@code .jsonl} files under each directory, sorted by path. */
    static List<Path> files(String[] names, Path base, String what) {
        List<Path> files = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Path path = base.resolve(name).normalize();
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new MismatchSourceException(what + ": listing " + path + " failed: " + e, e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                missing.add(path.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new MismatchSourceException(what + ": no such file or directory: " + String.join(", ", missing)
                    + " (a relative path resolves against the working directory, " + base + ")");
        }
        return files;
    }

    /** The mapper the annotation names, or the engine's default one that accepts unknown properties. */
    static ObjectMapper mapper(String name, Class<?> testClass, String what) {
        if (name.isEmpty()) {
            // the published form is what the serializer wrote: read-only properties included, which the type cannot
            // take back
            return Differs.defaultMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }
        int hash = name.indexOf('#');
        Class<?> owner = testClass;
        String methodName = name;
        if (hash >= 0) {
            methodName = name.substring(hash + 1);
            try {
                owner = Class.forName(name.substring(0, hash), false, testClass.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new MismatchSourceException(
                        what + ": mapper '" + name + "': no class " + name.substring(0, hash), e);
            }
        }
        Optional<Method> found = ReflectionSupport.findMethod(owner, methodName);
        if (found.isEmpty()) {
            throw new MismatchSourceException(
                    what + ": mapper '" + name + "': no method " + methodName + "() in " + owner.getName());
        }
        Method method = found.get();
        if (!Modifier.isStatic(method.getModifiers()) || !ObjectMapper.class.isAssignableFrom(method.getReturnType())) {
            throw new MismatchSourceException(
                    what + ": mapper '" + name + "': " + method + " must be static and return an ObjectMapper");
        }
        Object mapper = ReflectionSupport.invokeMethod(method, null);
        if (mapper == null) {
            throw new MismatchSourceException(what + ": mapper '" + name + "' returned null");
        }
        return (ObjectMapper) mapper;
    }

    private static boolean allowsZeroInvocations(ExtensionContext context) {
        return context.getTestMethod()
                .map(m -> m.getAnnotation(ParameterizedTest.class))
                .map(ParameterizedTest::allowZeroInvocations)
                .orElse(false);
    }

    private static String nothingToReplay(
            String what, MismatchSource source, MismatchReader.Reading reading, int files) {
        StringBuilder message = new StringBuilder(what)
                .append(": nothing to replay. Read ")
                .append(count(files, "file"))
                .append(", ")
                .append(count(reading.resultLines(), "result line"));
        if (reading.experiments().isEmpty()) {
            message.append('.');
        } else {
            message.append(" (per experiment: ").append(reading.experiments()).append(").");
        }
        if (reading.experiments().containsKey(source.experiment())) {
            message.append(' ')
                    .append(count(reading.selected(), "candidate result"))
                    .append(" of '")
                    .append(source.experiment())
                    .append("' had outcome ")
                    .append(Arrays.toString(source.outcomes()));
            if (source.signatures().length > 0) {
                message.append(", signature ").append(Arrays.toString(source.signatures()));
            }
            if (!source.candidate().isEmpty()) {
                message.append(", candidate '").append(source.candidate()).append("'");
            }
            message.append('.');
        }
        if (!reading.problems().isEmpty()) {
            message.append(' ')
                    .append(count(reading.problems().size(), "line"))
                    .append(" could not be replayed" + " (see the report entries).");
        }
        return message.append(" Use @ParameterizedTest(allowZeroInvocations = true) when that is expected.")
                .toString();
    }

    private static String list(String title, List<MismatchReader.Problem> problems, Path base) {
        StringBuilder text = new StringBuilder(title).append(':');
        int shown = Math.min(LISTED, problems.size());
        for (int i = 0; i < shown; i++) {
            MismatchReader.Problem problem = problems.get(i);
            Path file = problem.file().startsWith(base) ? base.relativize(problem.file()) : problem.file();
            text.append("\n  ")
                    .append(file)
                    .append(':')
                    .append(problem.line())
                    .append(": ")
                    .append(problem.reason());
        }
        if (problems.size() > shown) {
            text.append("\n  ... and ").append(problems.size() - shown).append(" more");
        }
        return text.toString();
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Which leading parameters of the test take what: the input, the control's value, the record. The first
     * parameter that is none of these (or is resolved by JUnit itself) ends the list.
     */
    private static final class Roles {
        @Nullable
        ParameterDeclaration input;

        @Nullable
        ParameterDeclaration control;

        int record = -1;
        int count;

        static Roles of(ParameterDeclarations parameters, String what) {
            Roles roles = new Roles();
            for (ParameterDeclaration parameter : parameters.getAll()) {
                if (roles.count == 3 || parameter.getParameterIndex() != roles.count) {
                    break;
                }
                if (parameter.getParameterType() == RecordedMismatch.class) {
                    if (roles.record >= 0) {
                        break;
                    }
                    roles.record = roles.count;
                } else if (resolvedByJUnit(parameter)) {
                    break;
                } else if (roles.input == null) {
                    roles.input = parameter;
                } else if (roles.control == null) {
                    roles.control = parameter;
                } else {
                    break;
                }
                roles.count++;
            }
            if (roles.count == 0) {
                throw new MismatchSourceException(what + ": the test takes no parameter for the recorded input (its"
                        + " first parameter), nor a RecordedMismatch");
            }
            return roles;
        }

        private static boolean resolvedByJUnit(ParameterDeclaration parameter) {
            Class<?> type = parameter.getParameterType();
            AnnotatedElement element = parameter.getAnnotatedElement();
            return type == TestInfo.class
                    || type == TestReporter.class
                    || type == RepetitionInfo.class
                    || type == ArgumentsAccessor.class
                    || element.isAnnotationPresent(TempDir.class)
                    || element.isAnnotationPresent(AggregateWith.class);
        }

        @Nullable
        JavaType type(@Nullable ParameterDeclaration parameter, ObjectMapper mapper) {
            if (parameter == null) {
                return null;
            }
            Type type = switch (parameter.getAnnotatedElement()) {
                case Parameter p -> p.getParameterizedType();
                case Field f -> f.getGenericType();
                default -> parameter.getParameterType();
            };
            return mapper.getTypeFactory().constructType(type);
        }

        @Nullable
        Object[] arguments(MismatchReader.Case made) {
            @Nullable Object[] arguments = new @Nullable Object[count];
            for (int i = 0; i < count; i++) {
                if (i == record) {
                    arguments[i] = made.recorded();
                } else if (input != null && i == input.getParameterIndex()) {
                    arguments[i] = made.input();
                } else {
                    arguments[i] = made.control();
                }
            }
            return arguments;
        }
    }
}
