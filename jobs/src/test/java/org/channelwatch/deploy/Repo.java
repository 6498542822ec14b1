package org.channelwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/** The repository these tests check: its root, files and the versions its poms declare. */
final class Repo {
  private static final Path ROOT = findRoot();

  private Repo() {}

  /**
   * The repository root: the first directory, from the working directory upwards, that holds both
   * {@code pom.xml} and {@code docker/compose.yaml} (surefire runs in {@code jobs/}, an IDE perhaps in
   * the root; {@code maven.multiModuleProjectDirectory} is not always passed to the forked JVM).
   */
  static Path root() {
    return ROOT;
  }

  static Path file(String relative) {
    Path path = ROOT.resolve(relative);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("missing file " + relative + " under " + ROOT);
    }
    return path;
  }

  static String read(String relative) {
    try {
      return Files.readString(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of an element of a pom, by XPath with local names, e.g. {@code /project/version}. */
  static String pomValue(String pomRelative, String path) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      Document pom = factory.newDocumentBuilder().parse(file(pomRelative).toFile());
      String value = (String) XPathFactory.newInstance().newXPath().evaluate(path, pom, XPathConstants.STRING);
      if (value == null || value.isBlank()) {
        throw new IllegalStateException(pomRelative + " has no " + path);
      }
      return value.trim();
    } catch (IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + path + " from " + pomRelative, e);
    }
  }

  /** A property of the root pom, such as {@code flink.version}. */
  static String rootProperty(String name) {
    return pomValue("pom.xml", "/project/properties/" + name);
  }

  static String projectVersion() {
    return pomValue("pom.xml", "/project/version");
  }

  private static Path findRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("docker/compose.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no directory with pom.xml and docker/compose.yaml from " + start + " upwards: where is the repository?");
  }
}
