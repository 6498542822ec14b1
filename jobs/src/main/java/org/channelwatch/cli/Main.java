package org.channelwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code channelwatch} command line. */
@Command(
    name = "channelwatch",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Live quality monitor for online government services across hall, web, app and WeChat.",
      "",
      "Every option can also be set with the environment variable named in its description."
    },
    subcommands = {
      DemoCommand.class,
      StackCommand.class,
      RunCommand.class,
      PublishCommand.class,
      SimulateCommand.class,
      DashboardCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    chooseLogDirectory(args);
    System.exit(commandLine().execute(args));
  }

  /**
   * Logs go under the data directory, which an option names; log4j starts before options are
   * parsed, so the option is read here first. CHANNELWATCH_LOG_DIR overrides.
   */
  static void chooseLogDirectory(String[] args) {
    if (System.getProperty("channelwatch.log.dir") != null) {
      return;
    }
    String dataDir = System.getenv().getOrDefault("CHANNELWATCH_DATA_DIR", ".channelwatch");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--data-dir") && i + 1 < args.length) {
        dataDir = args[i + 1];
      } else if (args[i].startsWith("--data-dir=")) {
        dataDir = args[i].substring("--data-dir=".length());
      }
    }
    String logDir = System.getenv("CHANNELWATCH_LOG_DIR");
    System.setProperty(
        "channelwatch.log.dir",
        logDir != null ? logDir : java.nio.file.Path.of(dataDir, "logs").toAbsolutePath().toString());
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          // Errors are for people: say what went wrong and what to do; the stack trace goes to the log.
          cmd.getErr().println(cmd.getColorScheme().errorText("error: " + Errors.describe(exception)));
          org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", exception);
          return 1;
        });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"channelwatch " + (version == null ? "development build" : version)};
    }
  }
}
