package dev.sluice.examples.tpch;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * TPC-H Q1, Q3 and Q6 computed in plain Java (BigDecimal, one thread) straight from the generated
 * CSV files: an independent reference for the engine's answers, and a check that the generator
 * reproduces the answers of BENCHMARKS.md. Checksums are formatted as BENCHMARKS.md prints them.
 */
final class TpchAnswers {
  private TpchAnswers() {}

  static List<String[]> rows(Path csvTable) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (var files = Files.list(csvTable)) {
      for (Path file : files.sorted().toList()) {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
          reader.readLine();
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            rows.add(line.split("\\|", -1));
          }
        }
      }
    }
    return rows;
  }

  /** {@code rows=4,sum_charge=...,count=...}. */
  static String q1(List<String[]> lineitem) {
    LocalDate cutoff = LocalDate.parse("1998-09-02");
    Map<String, BigDecimal> charge = new TreeMap<>();
    Map<String, Long> count = new HashMap<>();
    for (String[] l : lineitem) {
      if (LocalDate.parse(l[10]).isAfter(cutoff)) {
        continue;
      }
      String key = l[8] + "|" + l[9];
      BigDecimal price = new BigDecimal(l[5]);
      BigDecimal value = price.multiply(BigDecimal.ONE.subtract(new BigDecimal(l[6])))
          .multiply(BigDecimal.ONE.add(new BigDecimal(l[7])));
      charge.merge(key, value, BigDecimal::add);
      count.merge(key, 1L, Long::sum);
    }
    BigDecimal sumCharge = charge.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(2, RoundingMode.HALF_UP);
    long sumCount = count.values().stream().mapToLong(Long::longValue).sum();
    return "rows=" + charge.size() + ",sum_charge=" + sumCharge.toPlainString() + ",count=" + sumCount;
  }

  /** {@code revenue=...}. */
  static String q6(List<String[]> lineitem) {
    LocalDate from = LocalDate.parse("1994-01-01");
    LocalDate to = LocalDate.parse("1995-01-01");
    BigDecimal low = new BigDecimal("0.05");
    BigDecimal high = new BigDecimal("0.07");
    BigDecimal quantity = new BigDecimal("24");
    BigDecimal revenue = BigDecimal.ZERO;
    for (String[] l : lineitem) {
      LocalDate ship = LocalDate.parse(l[10]);
      BigDecimal discount = new BigDecimal(l[6]);
      if (!ship.isBefore(from) && ship.isBefore(to) && discount.compareTo(low) >= 0 && discount.compareTo(high) <= 0
          && new BigDecimal(l[4]).compareTo(quantity) < 0) {
        revenue = revenue.add(new BigDecimal(l[5]).multiply(discount));
      }
    }
    return "revenue=" + revenue.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  /** {@code rows=10,top=...,okeysum=...,rev=...}. */
  static String q3(List<String[]> customer, List<String[]> orders, List<String[]> lineitem) {
    LocalDate date = LocalDate.parse("1995-03-15");
    Set<String> building = new HashSet<>();
    for (String[] c : customer) {
      if (c[6].equals("BUILDING")) {
        building.add(c[0]);
      }
    }
    Map<String, String[]> open = new HashMap<>();
    for (String[] o : orders) {
      if (building.contains(o[1]) && LocalDate.parse(o[4]).isBefore(date)) {
        open.put(o[0], o);
      }
    }
    Map<String, BigDecimal> revenue = new HashMap<>();
    for (String[] l : lineitem) {
      if (open.containsKey(l[0]) && LocalDate.parse(l[10]).isAfter(date)) {
        revenue.merge(l[0], new BigDecimal(l[5]).multiply(BigDecimal.ONE.subtract(new BigDecimal(l[6]))),
            BigDecimal::add);
      }
    }
    List<Map.Entry<String, BigDecimal>> top = revenue.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, BigDecimal>, BigDecimal>comparing(Map.Entry::getValue).reversed()
            .thenComparing(e -> LocalDate.parse(open.get(e.getKey())[4])))
        .limit(10).toList();
    long keySum = top.stream().mapToLong(e -> Long.parseLong(e.getKey())).sum();
    BigDecimal revenueSum = top.stream().map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
    return "rows=" + top.size() + ",top=" + top.get(0).getKey() + ",okeysum=" + keySum + ",rev="
        + revenueSum.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }
}
