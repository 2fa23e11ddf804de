package dev.sluice.testapp;

import dev.sluice.api.Sluice;
import dev.sluice.engine.keyed.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * An application compiled by the cluster test into its own jar (so its classes are on no worker's
 * class path): {@code wordcount INPUT OUT}, {@code join OUT} and {@code heavy N OUT}. Each writes
 * its sorted answer to OUT, one line per key. The session takes its master from
 * {@code sluice.master}, as {@code bin/sluice submit} sets it.
 */
public final class ClusterApp {
  /** A class of the application's own, carried in the records the pipeline shuffles. */
  public record Sale(int customer, long cents) {}

  private ClusterApp() {}

  public static void main(String[] args) throws IOException {
    List<String> lines;
    Path out;
    try (Sluice sluice = Sluice.builder().appName("cluster-" + args[0]).getOrCreate()) {
      switch (args[0]) {
        case "wordcount" -> {
          lines = wordCount(sluice, args[1]);
          out = Path.of(args[2]);
        }
        case "join" -> {
          lines = join(sluice);
          out = Path.of(args[1]);
        }
        case "heavy" -> {
          System.out.println("JOB STARTED");
          System.out.flush();
          lines = heavy(sluice, Long.parseLong(args[1]));
          out = Path.of(args[2]);
        }
        default -> throw new IllegalArgumentException("unknown job " + args[0]);
      }
    }
    Path temporary = out.resolveSibling(out.getFileName() + ".tmp");
    Files.write(temporary, lines);
    Files.move(temporary, out, StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<String> wordCount(Sluice sluice, String input) {
    List<String> lines = new ArrayList<>();
    sluice.textFile(input, 4)
        .flatMap(line -> Arrays.stream(line.split(" ")).filter(word -> !word.isEmpty()).iterator())
        .mapToPair(word -> Pair.of(word, 1L))
        .reduceByKey(Long::sum, 6)
        .collect()
        .forEach(pair -> lines.add(pair.key() + "\t" + pair.value()));
    lines.sort(null);
    return lines;
  }

  private static List<String> join(Sluice sluice) {
    List<String> lines = new ArrayList<>();
    var sales = sluice.range(0, 60_000, 1, 6)
        .mapToObj(i -> new Sale((int) (i * 7919 % 1_000), i % 997))
        .mapToPair(sale -> Pair.of(sale.customer(), sale));
    var customers = sluice.range(0, 1_000, 1, 3)
        .filter(c -> c % 3 != 0)
        .mapToObj(c -> Pair.of((int) c, "customer-" + c))
        .mapToPair(pair -> pair);
    sales.join(customers, 5)
        .values()
        .mapToPair(joined -> Pair.of(joined.value(), joined.key().cents()))
        .reduceByKey(Long::sum, 4)
        .collect()
        .forEach(pair -> lines.add(pair.key() + "\t" + pair.value()));
    lines.sort(null);
    return lines;
  }

  /** Many small map tasks, each a little slow, then a shuffle: long enough to lose a worker midway. */
  private static List<String> heavy(Sluice sluice, long n) {
    List<String> lines = new ArrayList<>();
    sluice.range(0, n, 1, 48)
        .boxed()
        .mapPartitions(ClusterApp::slowly)
        .mapToPair(x -> Pair.of(x % 1_000, x))
        .reduceByKey(Long::sum, 12)
        .collect()
        .forEach(pair -> lines.add(pair.key() + "\t" + pair.value()));
    lines.sort(null);
    return lines;
  }

  private static Iterator<Long> slowly(Iterator<Long> partition) throws InterruptedException {
    Thread.sleep(700);
    return partition;
  }
}
