// Host test of kernels.cu through cuda_shim.h: every kernel against an independent C++ reference on
// random data (nulls, duplicates, extremes, empty input, sizes off the block size), in SEQ mode
// (plain and shuffled) and in THREADS mode with small grids. Run by TestKernelsOnCpu:
//   g++ -std=c++20 -O1 -pthread kernels_test.cpp -o kernels_test && ./kernels_test
// It prints "hash ..." lines that the Java test recomputes with ColumnHash, and ends with
// "<passed> passed, <failed> failed".
#include "../../main/cuda/kernels.cu"

#include <climits>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>

static int passed = 0;
static int failed = 0;

static void check(bool ok, const std::string& what) {
  if (ok) {
    passed++;
  } else {
    failed++;
    std::printf("FAILED %s\n", what.c_str());
  }
}

struct Launch {
  shim::Mode mode;
  unsigned long long seed;
  std::string name() const {
    return std::string(mode == shim::Mode::SEQ ? "SEQ" : "THREADS") + "/seed=" + std::to_string(seed);
  }
  dim3 grid(long long work) const {
    long long blocks = (work + 255) / 256;
    if (mode == shim::Mode::THREADS) return dim3(2);
    return dim3((unsigned)std::max(1LL, std::min(blocks, 7LL)));  // fewer threads than rows: grid-stride
  }
  dim3 block() const { return dim3(mode == shim::Mode::THREADS ? 32 : 64); }
  template <class... P, class... A>
  void operator()(void (*kernel)(P...), long long work, A... args) const {
    shim::launch(kernel, grid(work), block(), mode, seed, args...);
  }
};

static std::mt19937_64 rng(12345);

static std::vector<unsigned> random_validity(int n, double null_fraction) {
  std::vector<unsigned> words((n + 31) / 32 + 1, 0);
  std::uniform_real_distribution<double> u(0, 1);
  for (int i = 0; i < n; i++)
    if (u(rng) >= null_fraction) words[i >> 5] |= 1u << (i & 31);
  // bits past n set on purpose: kernels must not read them as rows
  if (n % 32) words[n >> 5] |= ~((1u << (n % 32)) - 1);
  return words;
}

static bool valid(const std::vector<unsigned>* v, long long i) {
  return v == nullptr || ((*v)[i >> 5] >> (i & 31)) & 1u;
}

static const unsigned* ptr(const std::vector<unsigned>* v) { return v == nullptr ? nullptr : v->data(); }

static std::vector<long long> random_longs(int n, long long lo, long long hi) {
  std::uniform_int_distribution<long long> d(lo, hi);
  std::vector<long long> v(n);
  for (auto& x : v) x = d(rng);
  for (int i = 0; i < n; i += 97) v[i] = (i / 97) % 2 ? LLONG_MAX : LLONG_MIN;
  return v;
}

static std::vector<double> random_doubles(int n) {
  std::uniform_real_distribution<double> d(-100, 100);
  std::vector<double> v(n);
  const double specials[] = {0.0, -0.0, NAN, -NAN, INFINITY, -INFINITY, 1.5, -1.5};
  for (int i = 0; i < n; i++) v[i] = i % 13 == 0 ? specials[(i / 13) % 8] : std::round(d(rng) * 4) / 4;
  return v;
}

static long long bits_of(double d) {
  long long b;
  std::memcpy(&b, &d, 8);
  return b;
}

// ---- references ------------------------------------------------------------------------------
static int java_double_compare(double a, double b) {
  if (a < b) return -1;
  if (a > b) return 1;
  long long x = std::isnan(a) ? 0x7ff8000000000000LL : bits_of(a);
  long long y = std::isnan(b) ? 0x7ff8000000000000LL : bits_of(b);
  return x == y ? 0 : (x < y ? -1 : 1);
}

static bool op_holds(int op, int c) {
  const bool r[6] = {c == 0, c != 0, c < 0, c <= 0, c > 0, c >= 0};
  return r[op];
}

static unsigned long long ref_fmix(unsigned long long k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

static long long half_up(__int128 value, __int128 divisor) {  // divisor may be negative
  __int128 q = value / divisor;
  __int128 r = value % divisor;
  __int128 ar = r < 0 ? -r : r;
  __int128 ad = divisor < 0 ? -divisor : divisor;
  if (r != 0 && 2 * ar >= ad) q += ((value < 0) == (divisor < 0)) ? 1 : -1;
  return (long long)q;
}

// ---- tests -----------------------------------------------------------------------------------
static void test_filter(const Launch& L, int n, bool nulls) {
  auto values = random_longs(n, -50, 50);
  auto dvalues = random_doubles(n);
  auto validity = random_validity(n, 0.25);
  const std::vector<unsigned>* vp = nulls ? &validity : nullptr;
  const int words = (n + 31) / 32;
  const int tiles = (n + SLUICE_TILE_ROWS - 1) / SLUICE_TILE_ROWS;
  for (int f64 = 0; f64 < 2; f64++) {
    for (int op = 0; op < 6; op++) {
      const std::string what = L.name() + " filter " + (f64 ? "f64" : "i64") + " op=" + std::to_string(op) +
                               " n=" + std::to_string(n) + (nulls ? " nulls" : "");
      std::vector<unsigned> selection(words + 1, 0xCDCDCDCDu);
      if (f64) {
        double k = op % 2 ? 0.0 : 1.5;
        if (op == 5) k = NAN;
        L(filter_cmp_f64, words, (const double*)dvalues.data(), ptr(vp), n, op, k, selection.data());
      } else {
        L(filter_cmp_i64, words, (const long long*)values.data(), ptr(vp), n, op, (long long)(op == 0 ? LLONG_MAX : 3),
          selection.data());
      }
      std::vector<int> expected;
      bool bits_ok = true;
      for (int i = 0; i < n; i++) {
        bool want;
        if (f64) {
          double k = op % 2 ? 0.0 : 1.5;
          if (op == 5) k = NAN;
          want = valid(vp, i) && op_holds(op, java_double_compare(dvalues[i], k));
        } else {
          long long k = op == 0 ? LLONG_MAX : 3;
          want = valid(vp, i) && op_holds(op, values[i] < k ? -1 : values[i] > k);
        }
        if (want) expected.push_back(i);
        bits_ok &= (((selection[i >> 5] >> (i & 31)) & 1u) != 0) == want;
      }
      for (int i = n; i < words * 32; i++) bits_ok &= ((selection[i >> 5] >> (i & 31)) & 1u) == 0;
      check(bits_ok, what + " selection bits");

      std::vector<unsigned> other(words + 1), conjunction(selection);
      for (int w = 0; w <= words; w++) other[w] = (unsigned)(0x9E3779B9u * (unsigned)(w + op + 1));
      L(selection_and, words, conjunction.data(), (const unsigned*)other.data(), n);
      bool and_ok = conjunction[words] == selection[words];  // the word past the end is untouched
      for (int w = 0; w < words; w++) and_ok &= conjunction[w] == (selection[w] & other[w]);
      check(and_ok, what + " selection_and");

      std::vector<int> counts(tiles + 1, -7), offsets(tiles + 1, -7), indices(n + 1, -7);
      int total = -7;
      L(selection_tile_counts, tiles, (const unsigned*)selection.data(), n, counts.data());
      shim::launch(exclusive_scan_i32, dim3(1), dim3(1), L.mode, 0, (const int*)counts.data(), tiles, offsets.data(), &total);
      L(selection_scatter, tiles, (const unsigned*)selection.data(), n, (const int*)offsets.data(), indices.data());
      check(total == (int)expected.size() && std::equal(expected.begin(), expected.end(), indices.begin()),
            what + " compacted indices (stable order)");

      const int m = (int)expected.size();
      std::vector<long long> gathered(m + 1, 0x7777);
      std::vector<double> dgathered(m + 1, 7.0);
      std::vector<unsigned> gvalid((m + 31) / 32 + 1, 0xCDCDCDCDu), dgvalid((m + 31) / 32 + 1, 0xCDCDCDCDu);
      L(gather_i64, m, (const long long*)values.data(), ptr(vp), (const int*)indices.data(), m, gathered.data(), gvalid.data());
      L(gather_f64, m, (const double*)dvalues.data(), ptr(vp), (const int*)indices.data(), m, dgathered.data(), dgvalid.data());
      bool gather_ok = gathered[m] == 0x7777;
      for (int j = 0; j < m; j++) {
        gather_ok &= gathered[j] == values[expected[j]] && bits_of(dgathered[j]) == bits_of(dvalues[expected[j]]);
        if (vp) gather_ok &= (((gvalid[j >> 5] >> (j & 31)) & 1u) != 0) == valid(vp, expected[j]) &&
                             ((dgvalid[j >> 5] >> (j & 31)) & 1u) == ((gvalid[j >> 5] >> (j & 31)) & 1u);
      }
      if (!vp) gather_ok &= gvalid[0] == 0xCDCDCDCDu;  // untouched without validity
      check(gather_ok, what + " gather");
    }
  }
}

static void test_arith(const Launch& L, int n, bool nulls) {
  auto a = random_longs(n, -3000000000LL, 3000000000LL);
  auto b = random_longs(n, -3000000000LL, 3000000000LL);
  auto av = random_validity(n, 0.2), bv = random_validity(n, 0.2);
  const std::vector<unsigned>* ap = nulls ? &av : nullptr;
  const std::vector<unsigned>* bp = nulls ? &bv : nullptr;
  const int words = (n + 31) / 32;
  for (int with_b = 0; with_b < 2; with_b++) {
    for (int op = 0; op < 3; op++) {
      const std::string what = L.name() + " arith_i64 op=" + std::to_string(op) + (with_b ? " col" : " const") +
                               " n=" + std::to_string(n) + (nulls ? " nulls" : "");
      const long long k = 4000000000LL;
      std::vector<long long> out(n + 1);
      std::vector<unsigned> ov(words + 1, 0xCDCDCDCDu);
      int overflow = 0;
      L(arith_i64, n, (const long long*)a.data(), ptr(ap), with_b ? (const long long*)b.data() : nullptr, ptr(bp), k, n, op,
        out.data(), ov.data(), &overflow);
      bool ok = true, want_overflow = false;
      for (int i = 0; i < n; i++) {
        long long y = with_b ? b[i] : k;
        long long r;
        bool o = op == 0 ? __builtin_add_overflow(a[i], y, &r) : op == 1 ? __builtin_sub_overflow(a[i], y, &r)
                                                                          : __builtin_mul_overflow(a[i], y, &r);
        bool v = valid(ap, i) && (!with_b || valid(bp, i));
        want_overflow |= o && v;
        ok &= out[i] == r && (((ov[i >> 5] >> (i & 31)) & 1u) != 0) == v;
      }
      check(ok && overflow == (want_overflow ? 1 : 0), what);
    }
  }
  auto x = random_doubles(n), y = random_doubles(n);
  for (int i = 0; i < n; i += 5) y[i] = i % 10 ? 0.0 : -0.0;
  for (int with_b = 0; with_b < 2; with_b++) {
    for (int op = 0; op < 4; op++) {
      for (double k : {2.5, 0.0}) {
        const std::string what = L.name() + " arith_f64 op=" + std::to_string(op) + (with_b ? " col" : " const") +
                                 " k=" + std::to_string(k) + " n=" + std::to_string(n);
        std::vector<double> out(n + 1);
        std::vector<unsigned> ov(words + 1, 0xCDCDCDCDu);
        L(arith_f64, n, (const double*)x.data(), ptr(ap), with_b ? (const double*)y.data() : nullptr, ptr(bp), k, n, op,
          out.data(), ov.data());
        bool ok = true;
        for (int i = 0; i < n; i++) {
          double d = with_b ? y[i] : k;
          double r = op == 0 ? x[i] + d : op == 1 ? x[i] - d : op == 2 ? x[i] * d : x[i] / d;
          bool v = valid(ap, i) && (!with_b || valid(bp, i)) && !(op == 3 && d == 0.0);
          ok &= (((ov[i >> 5] >> (i & 31)) & 1u) != 0) == v;
          if (v) ok &= bits_of(out[i]) == bits_of(r) || (std::isnan(out[i]) && std::isnan(r));
        }
        check(ok, what);
      }
    }
  }
}

static void test_decimal(const Launch& L, int n, bool nulls, bool big) {
  auto a = random_longs(n, big ? -4000000000000LL : -99999999, big ? 4000000000000LL : 99999999);
  auto b = random_longs(n, -999999, 999999);
  for (int i = 0; i < n; i += 11) b[i] = 0;
  if (!big) {  // no extremes: the fast path everywhere
    for (int i = 0; i < n; i += 97) a[i] = 12345, b[i] = i % 2 ? 5 : -5;
  }
  auto av = random_validity(n, 0.2), bv = random_validity(n, 0.2);
  const std::vector<unsigned>* ap = nulls ? &av : nullptr;
  const std::vector<unsigned>* bp = nulls ? &bv : nullptr;
  const int words = (n + 31) / 32;
  for (long long divisor : {1LL, 10LL, 1000LL}) {
    const std::string what = L.name() + " decimal_mul divisor=" + std::to_string(divisor) + " n=" + std::to_string(n) +
                             (big ? " big" : "") + (nulls ? " nulls" : "");
    std::vector<long long> out(n + 1);
    std::vector<unsigned> ov(words + 1);
    int overflow = 0;
    L(decimal_mul, n, (const long long*)a.data(), ptr(ap), (const long long*)b.data(), ptr(bp), 0LL, n, divisor, out.data(),
      ov.data(), &overflow);
    bool ok = true, want_overflow = false;
    for (int i = 0; i < n; i++) {
      bool v = valid(ap, i) && valid(bp, i);
      __int128 exact = (__int128)a[i] * b[i];
      bool o = exact != (__int128)(long long)exact;
      want_overflow |= o && v;
      ok &= (((ov[i >> 5] >> (i & 31)) & 1u) != 0) == v;
      if (v && !o) ok &= out[i] == half_up(exact, divisor);
    }
    check(ok && overflow == (want_overflow ? 1 : 0), what);
  }
  for (long long factor : {1LL, 100LL, 1000000LL}) {
    const std::string what = L.name() + " decimal_div factor=" + std::to_string(factor) + " n=" + std::to_string(n) +
                             (big ? " big" : "") + (nulls ? " nulls" : "");
    std::vector<long long> out(n + 1);
    std::vector<unsigned> ov(words + 1);
    int overflow = 0;
    L(decimal_div, n, (const long long*)a.data(), ptr(ap), (const long long*)b.data(), ptr(bp), 0LL, n, factor, out.data(),
      ov.data(), &overflow);
    bool ok = true, want_overflow = false;
    for (int i = 0; i < n; i++) {
      bool v = valid(ap, i) && valid(bp, i) && b[i] != 0;
      __int128 scaled = (__int128)a[i] * factor;
      bool o = scaled != (__int128)(long long)scaled || b[i] == LLONG_MIN;
      want_overflow |= o && v;
      ok &= (((ov[i >> 5] >> (i & 31)) & 1u) != 0) == v;
      if (v && !o) ok &= out[i] == half_up(scaled, b[i]);
    }
    check(ok && overflow == (want_overflow ? 1 : 0), what);
  }
}

static void test_hash(const Launch& L, int n, bool nulls, int partitions, bool print) {
  auto k1 = random_longs(n, -20, 20);
  auto k2 = random_doubles(n);
  auto v1 = random_validity(n, 0.2), v2 = random_validity(n, 0.2);
  const std::vector<unsigned>* p1 = nulls ? &v1 : nullptr;
  const std::vector<unsigned>* p2 = nulls ? &v2 : nullptr;
  std::vector<unsigned long long> h(n + 1);
  std::vector<int> part(n + 1), counts(partitions, 0);
  L(hash_init, n, h.data(), n);
  L(hash_combine_i64, n, (const long long*)k1.data(), ptr(p1), n, h.data());
  L(hash_combine_f64, n, (const double*)k2.data(), ptr(p2), n, h.data());
  L(hash_partition, n, h.data(), n, partitions, part.data(), counts.data());
  std::vector<int> want_counts(partitions, 0);
  bool ok = true;
  for (int i = 0; i < n; i++) {
    unsigned long long r = 42;
    r = r * 31 + (valid(p1, i) ? ref_fmix((unsigned long long)k1[i]) : 0x9E3779B97F4A7C15ULL);
    double d = k2[i];
    long long bits = std::isnan(d) ? 0x7ff8000000000000LL : d == 0.0 ? 0 : bits_of(d);
    r = r * 31 + (valid(p2, i) ? ref_fmix((unsigned long long)bits) : 0x9E3779B97F4A7C15ULL);
    r = ref_fmix(r);
    int p = (int)(r % (unsigned long long)partitions);
    want_counts[p]++;
    ok &= h[i] == r && part[i] == p;
    if (print) {
      std::printf("hash %d %lld %d %lld %lld %d\n", valid(p1, i) ? 1 : 0, k1[i], valid(p2, i) ? 1 : 0, bits_of(d), (long long)h[i],
                  part[i]);
    }
  }
  check(ok && counts == want_counts, L.name() + " hash partition n=" + std::to_string(n) + " partitions=" +
                                         std::to_string(partitions) + (nulls ? " nulls" : ""));
}

struct GroupRef {
  int first = INT_MAX;
  unsigned long long count = 0, count_all = 0;
  __int128 sum = 0;
  long long min = LLONG_MAX, max = LLONG_MIN;
  double dsum = 0, dmin = NAN, dmax = -INFINITY;
};

// Checks the accumulators of groups found by either grouping kernel against per-key references.
static void test_accumulators(const Launch& L, const std::string& what, int n, const std::vector<int>& groups, int slots,
                              const std::vector<int>& first_row, const std::map<long long, GroupRef>& ref,
                              const std::vector<long long>& group_key, const std::vector<long long>& values,
                              const std::vector<double>& dvalues, const std::vector<unsigned>* vp) {
  std::vector<unsigned long long> count(slots, 0), count_all(slots, 0), lo(slots, 0), hi(slots, 0);
  std::vector<long long> mins(slots, LLONG_MAX), maxs(slots, LLONG_MIN);
  std::vector<double> dsum(slots, 0.0), dmin(slots, NAN), dmax(slots, -INFINITY);
  const int* g = groups.data();
  L(agg_count, n, g, ptr(vp), n, count.data());
  L(agg_count, n, g, (const unsigned*)nullptr, n, count_all.data());
  L(agg_sum_i64, n, g, (const long long*)values.data(), ptr(vp), n, lo.data(), hi.data());
  L(agg_min_i64, n, g, (const long long*)values.data(), ptr(vp), n, mins.data());
  L(agg_max_i64, n, g, (const long long*)values.data(), ptr(vp), n, maxs.data());
  L(agg_sum_f64, n, g, (const double*)dvalues.data(), ptr(vp), n, dsum.data());
  L(agg_min_f64, n, g, (const double*)dvalues.data(), ptr(vp), n, dmin.data());
  L(agg_max_f64, n, g, (const double*)dvalues.data(), ptr(vp), n, dmax.data());
  bool ok = true;
  int used = 0;
  for (int s = 0; s < slots; s++) {
    if (first_row[s] == INT_MAX) {
      ok &= count_all[s] == 0;
      continue;
    }
    used++;
    auto it = ref.find(group_key[s]);
    if (it == ref.end()) {
      ok = false;
      continue;
    }
    const GroupRef& r = it->second;
    __int128 sum = ((__int128)(long long)hi[s] << 64) | (__int128)lo[s];
    auto same = [](double x, double y) { return bits_of(x) == bits_of(y) || (std::isnan(x) && std::isnan(y)) || (x == 0 && y == 0); };
    ok &= first_row[s] == r.first && count[s] == r.count && count_all[s] == r.count_all && sum == r.sum;
    ok &= r.count == 0 || (mins[s] == r.min && maxs[s] == r.max && same(dmin[s], r.dmin) && same(dmax[s], r.dmax) && (dsum[s] == r.dsum || (std::isnan(dsum[s]) && std::isnan(r.dsum))));
  }
  check(ok && used == (int)ref.size(), what + " accumulators");
}

static void test_agg(const Launch& L, int n, bool nulls, int capacity_log2, int distinct) {
  std::uniform_int_distribution<int> pick(0, distinct - 1);
  std::vector<long long> keys(n);
  for (auto& k : keys) k = (long long)pick(rng) * 1000003LL - 7;
  for (int i = 0; i < n; i += 53) keys[i] = LLONG_MIN;
  auto kv = random_validity(n, 0.1);
  auto values = random_longs(n, LLONG_MIN / 4, LLONG_MAX / 4);  // sums beyond 64 bits
  auto dvalues = random_doubles(n);
  for (auto& d : dvalues) if (!std::isnan(d) && std::isfinite(d)) d = std::round(d);  // exact float sums
  auto vv = random_validity(n, 0.2);
  const std::vector<unsigned>* kp = nulls ? &kv : nullptr;
  const std::vector<unsigned>* vp = nulls ? &vv : nullptr;
  const long long capacity = 1LL << capacity_log2;
  const int slots = (int)capacity + 2;
  std::vector<unsigned long long> table(capacity, (unsigned long long)SLUICE_EMPTY_KEY);
  std::vector<int> first_row(slots, INT_MAX), groups(n + 1, -9);
  int overflow = 0;
  L(agg_groups_i64, n, (const long long*)keys.data(), ptr(kp), n, table.data(), capacity_log2, first_row.data(), groups.data(),
    &overflow);
  const std::string what = L.name() + " agg_i64 n=" + std::to_string(n) + " cap=2^" + std::to_string(capacity_log2) +
                           " distinct=" + std::to_string(distinct) + (nulls ? " nulls" : "");
  // reference, keyed by the key (LLONG_MIN + 1 stands for the null key: never generated)
  const long long NULL_KEY = LLONG_MIN + 1;
  std::map<long long, GroupRef> ref;
  for (int i = 0; i < n; i++) {
    GroupRef& r = ref[valid(kp, i) ? keys[i] : NULL_KEY];
    r.first = std::min(r.first, i);
    r.count_all++;
    if (valid(vp, i)) {
      r.count++;
      r.sum += values[i];
      r.min = std::min(r.min, values[i]);
      r.max = std::max(r.max, values[i]);
      r.dsum += dvalues[i];
      if (sluice_before(dvalues[i], r.dmin)) r.dmin = dvalues[i];
      if (sluice_before(r.dmax, dvalues[i])) r.dmax = dvalues[i];
    }
  }
  int non_special = 0;
  for (auto& [k, r] : ref) non_special += k != NULL_KEY && k != LLONG_MIN;
  if (non_special > capacity) {
    check(overflow == 1, what + " overflow flag when the table is full");
    return;
  }
  std::vector<long long> group_key(slots, 0);
  bool ok = overflow == 0;
  for (int i = 0; i < n; i++) {
    int g = groups[i];
    long long want = valid(kp, i) ? keys[i] : NULL_KEY;
    if (g < 0 || g >= slots) {
      ok = false;
      continue;
    }
    if (g == capacity) ok &= want == NULL_KEY;
    else if (g == capacity + 1) ok &= want == LLONG_MIN;
    else ok &= (long long)table[g] == want;
    group_key[g] = want;
  }
  check(ok, what + " groups");
  test_accumulators(L, what, n, groups, slots, first_row, ref, group_key, values, dvalues, vp);

  // dictionary codes: the same keys as codes 0..distinct-1
  std::vector<int> codes(n);
  for (int i = 0; i < n; i++) codes[i] = keys[i] == LLONG_MIN ? 0 : (int)((keys[i] + 7) / 1000003LL);
  std::map<long long, GroupRef> dref;
  for (int i = 0; i < n; i++) {
    GroupRef& r = dref[valid(kp, i) ? codes[i] : NULL_KEY];
    r.first = std::min(r.first, i);
    r.count_all++;
    if (valid(vp, i)) {
      r.count++;
      r.sum += values[i];
      r.min = std::min(r.min, values[i]);
      r.max = std::max(r.max, values[i]);
      r.dsum += dvalues[i];
      if (sluice_before(dvalues[i], r.dmin)) r.dmin = dvalues[i];
      if (sluice_before(r.dmax, dvalues[i])) r.dmax = dvalues[i];
    }
  }
  std::vector<int> dfirst(distinct + 1, INT_MAX), dgroups(n + 1, -9);
  L(agg_groups_dict, n, (const int*)codes.data(), ptr(kp), n, distinct, dfirst.data(), dgroups.data());
  std::vector<long long> dkey(distinct + 1);
  for (int c = 0; c < distinct; c++) dkey[c] = c;
  dkey[distinct] = NULL_KEY;
  bool dok = true;
  for (int i = 0; i < n; i++) dok &= dgroups[i] == (valid(kp, i) ? codes[i] : distinct);
  check(dok, what + " dictionary groups");
  test_accumulators(L, what + " dictionary", n, dgroups, distinct + 1, dfirst, dref, dkey, values, dvalues, vp);
}

int main(int argc, char** argv) {
  const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
  const std::vector<Launch> launches = {{shim::Mode::SEQ, 0}, {shim::Mode::SEQ, 7}, {shim::Mode::THREADS, 3}};
  test_hash(Launch{shim::Mode::SEQ, 0}, 300, true, 7, true);
  for (const Launch& L : launches) {
    const bool threads = L.mode == shim::Mode::THREADS;
    std::vector<int> sizes = threads || quick ? std::vector<int>{0, 1, 33, 700} : std::vector<int>{0, 1, 31, 32, 33, 255, 256, 257, 5003};
    for (int n : sizes) {
      for (bool nulls : {false, true}) {
        test_filter(L, n, nulls);
        test_arith(L, n, nulls);
        test_decimal(L, n, nulls, false);
        test_decimal(L, n, nulls, true);
        test_hash(L, n, nulls, 1, false);
        test_hash(L, n, nulls, 16, false);
        test_agg(L, n, nulls, 6, 40);
        test_agg(L, n, nulls, 10, 3);  // skew: three groups
        if (n > 100) test_agg(L, n, nulls, 3, 40);  // overflow
      }
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
