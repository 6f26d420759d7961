package dev.perf.result;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that keeps secrets out of results, reports and messages: passwords in URLs, token-like query
 * parameters, and the values of system properties given to a JVM. Pure and thread-safe.
 */
public final class Redaction {
    /** What stands in for a secret. */
    public static final String MASK = "***";

    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://[^/@:?#]*):[^/@?#]*@");
    private static final Pattern QUERY_PARAM = Pattern.compile("([?&;])([^=&;#]+)=([^&;#]*)");
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(token|secret|passw|pwd|sig|key|auth|credential|session|cookie).*");

    /** System properties whose values are not secrets and help reading a result. */
    private static final List<String> SAFE_PROPERTY_PREFIXES =
            List.of("java.", "jdk.", "sun.", "file.encoding", "user.language", "user.country", "jmh.", "perf.");

    private Redaction() {}

    /** {@code url} with the password of its user-info and the values of secret-looking query parameters masked. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String out = USER_INFO.matcher(url).replaceFirst("$1:" + MASK + "@");
        Matcher m = QUERY_PARAM.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = SECRET_NAME.matcher(m.group(2)).matches() ? MASK : m.group(3);
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * JVM arguments as a result may record them: {@code -Dname=value} keeps its value only for well-known
     * properties ({@code java.*}, {@code file.encoding}, ...), others become {@code -Dname=***}; an agent's
     * options ({@code -javaagent:x.jar=options}) are masked; every other flag is kept as it is.
     */
    public static List<String> jvmArguments(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("-D")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                boolean safe = SAFE_PROPERTY_PREFIXES.stream()
                        .anyMatch(p -> name.toLowerCase(Locale.ROOT).startsWith(p));
                out.add(eq < 0 || safe ? a : "-D" + name + "=" + MASK);
            } else if ((a.startsWith("-javaagent:") || a.startsWith("-agentpath:") || a.startsWith("-agentlib:"))
                    && a.indexOf('=') > 0) {
                out.add(a.substring(0, a.indexOf('=')) + "=" + MASK);
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * A command line as reports may show it (the target of {@code perf profile -- COMMAND}): JVM arguments as
     * {@link #jvmArguments} records them, {@code --token=x} and the value after {@code --password} masked
     * when the flag's name looks secret, and every URL through {@link #url}.
     */
    public static List<String> commandLine(List<String> argv) {
        List<String> out = new ArrayList<>();
        boolean maskNext = false;
        for (String a : argv) {
            if (maskNext) {
                out.add(MASK);
                maskNext = false;
                continue;
            }
            if (a.startsWith("-D")
                    || a.startsWith("-javaagent:")
                    || a.startsWith("-agentpath:")
                    || a.startsWith("-agentlib:")) {
                out.addAll(jvmArguments(List.of(a)));
                continue;
            }
            if (a.startsWith("-")) {
                String flag = a.replaceFirst("^-+", "");
                int eq = flag.indexOf('=');
                String name = eq < 0 ? flag : flag.substring(0, eq);
                if (SECRET_NAME.matcher(name).matches()) {
                    if (eq < 0) {
                        out.add(a);
                        maskNext = true;
                    } else {
                        out.add(a.substring(0, a.indexOf('=') + 1) + MASK);
                    }
                    continue;
                }
            }
            out.add(url(a));
        }
        return out;
    }
}
