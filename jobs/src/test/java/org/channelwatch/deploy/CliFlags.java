package org.channelwatch.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.channelwatch.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks command lines written into deployment files against the real command line ({@code
 * channelwatch run}, {@code dashboard}, ...), through picocli's model of {@link Main}.
 */
final class CliFlags {
  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Z0-9_]+)(?::-(.*))?}");

  /** Read-only models, built once: building one instantiates every command. */
  private static final Map<String, CommandSpec> SPECS = new ConcurrentHashMap<>();

  private CliFlags() {}

  /**
   * The model of {@code channelwatch <subcommand>}, with variable interpolation off: an option's
   * {@code defaultValue()} is then what the code declares, such as {@code
   * ${env:CHANNELWATCH_DASHBOARD_PORT:-8080}}, not what this machine's environment makes of it.
   */
  static CommandSpec spec(String subcommand) {
    return SPECS.computeIfAbsent(subcommand, name -> {
      CommandLine sub = new CommandLine(new Main()).getSubcommands().get(name);
      if (sub == null) {
        throw new IllegalArgumentException("channelwatch has no command '" + name + "'");
      }
      return sub.getCommandSpec().interpolateVariables(false);
    });
  }

  /** The {@code --flags} of {@code args} that {@code subcommand} does not have. */
  static List<String> unknownFlags(String subcommand, List<String> args) {
    CommandSpec spec = spec(subcommand);
    List<String> unknown = new ArrayList<>();
    for (String flag : flags(args)) {
      if (spec.findOption(flag) == null) {
        unknown.add(flag);
      }
    }
    return unknown;
  }

  /** The option names in {@code args} ({@code --name} and {@code --name=value} alike). */
  static List<String> flags(List<String> args) {
    List<String> flags = new ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("-")) {
        int eq = arg.indexOf('=');
        flags.add(eq < 0 ? arg : arg.substring(0, eq));
      }
    }
    return flags;
  }

  /**
   * Problems picocli finds parsing {@code args} for {@code subcommand}: unknown options, values that
   * do not convert (a duration, a number), missing values. Nothing runs. Empty when all is well.
   */
  static List<String> parseProblems(String subcommand, List<String> args) {
    List<String> problems = new ArrayList<>();
    List<String> unknown = unknownFlags(subcommand, args);
    if (!unknown.isEmpty()) {
      problems.add("channelwatch " + subcommand + " has no option " + String.join(", ", unknown));
    }
    try {
      // Through the top command, as `channelwatch <subcommand> ...` is parsed.
      List<String> line = new ArrayList<>();
      line.add(subcommand);
      line.addAll(args);
      CommandLine.ParseResult result =
          new CommandLine(new Main()).parseArgs(line.toArray(String[]::new)).subcommand();
      if (result == null || !subcommand.equals(result.commandSpec().name())) {
        problems.add("channelwatch " + String.join(" ", line) + " does not run " + subcommand);
      } else if (!result.unmatched().isEmpty()) {
        problems.add("channelwatch " + subcommand + " does not take " + result.unmatched());
      }
    } catch (CommandLine.ParameterException e) {
      problems.add("channelwatch " + subcommand + " " + String.join(" ", args) + ": " + e.getMessage());
    }
    return problems;
  }

  /** The value of {@code option} in {@code args}, or null when absent. */
  static String value(List<String> args, String option) {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals(option) && i + 1 < args.size()) {
        return args.get(i + 1);
      }
      if (args.get(i).startsWith(option + "=")) {
        return args.get(i).substring(option.length() + 1);
      }
    }
    return null;
  }

  /**
   * The default of an option as the code declares it, without the environment: for {@code
   * ${env:CHANNELWATCH_DASHBOARD_PORT:-8080}} it is 8080 whatever the variable holds here.
   */
  static String codeDefault(String subcommand, String option) {
    OptionSpec spec = spec(subcommand).findOption(option);
    if (spec == null) {
      throw new IllegalArgumentException("channelwatch " + subcommand + " has no option " + option);
    }
    String declared = spec.defaultValue();
    if (declared != null) {
      Matcher env = ENV_DEFAULT.matcher(declared);
      if (env.matches()) {
        return env.group(2);
      }
    }
    return declared;
  }

  /** The environment variables the options of {@code subcommand} read (CHANNELWATCH_...). */
  static Set<String> environmentVariables(String subcommand) {
    Set<String> names = new LinkedHashSet<>();
    for (OptionSpec option : spec(subcommand).options()) {
      String declared = option.defaultValue();
      if (declared != null) {
        Matcher env = ENV_DEFAULT.matcher(declared);
        if (env.matches()) {
          names.add(env.group(1));
        }
      }
    }
    return names;
  }

  /**
   * Whether {@code option} is given: on the command line, or through its environment variable in
   * {@code env}.
   */
  static boolean given(String subcommand, String option, List<String> args, Map<String, String> env) {
    if (flags(args).contains(option)) {
      return true;
    }
    String declared = spec(subcommand).findOption(option).defaultValue();
    if (declared == null) {
      return false;
    }
    Matcher matcher = ENV_DEFAULT.matcher(declared);
    return matcher.matches() && env.containsKey(matcher.group(1));
  }
}
