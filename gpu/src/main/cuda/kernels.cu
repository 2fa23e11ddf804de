// Sluice GPU kernels: extern "C" grid-stride kernels over Arrow buffers.
//
// Compiled two ways: by nvcc into the shipped PTX (build-ptx.sh), and by g++ as host C++ through
// cuda_shim.h for the CPU stand-in driver and the C++ kernel test. Keep it to what the shim supports.
//
// Conventions (the Java wrappers in dev.sluice.gpu.kernel.CudaKernels rely on them):
//   - every kernel's full signature is on its one `extern "C" __global__ void` line (a script
//     generates the stand-in driver's registry from these lines); parameter types are plain C types;
//   - n is a row count (int); rows are indexed with long long so grid-stride steps never overflow;
//   - validity and selection are Arrow LSB-first bitmaps read as uint32 words; a null validity
//     pointer means "no nulls"; output bitmaps are written whole word by word (bits past n are 0),
//     so outputs need no zeroing;
//   - comparison ops: 0 =, 1 <>, 2 <, 3 <=, 4 >, 5 >=; arithmetic ops: 0 +, 1 -, 2 *, 3 / (f64 only);
//   - wherever b is null the kernel uses the scalar `constant` instead (a op constant);
//   - overflow flags (int*) are only ever set to 1, so the caller zeroes them first;
//   - accumulators and group tables are initialised by the caller (fill_i32 / fill_i64).
#ifndef __CUDACC__
#include "cuda_shim.h"
#endif

#define SLUICE_SEED 42LL
#define SLUICE_NULL_HASH 0x9E3779B97F4A7C15ULL
#define SLUICE_SPREAD 0x9E3779B97F4A7C15ULL
#define SLUICE_CANONICAL_NAN 0x7ff8000000000000LL
#define SLUICE_LLONG_MIN (-0x7fffffffffffffffLL - 1)
#define SLUICE_EMPTY_KEY SLUICE_LLONG_MIN
#define SLUICE_LLONG_MAX 0x7fffffffffffffffLL
// Rows per tile of the stable compaction (a multiple of 32).
#define SLUICE_TILE_ROWS 256

#define GRID_STRIDE(i, count)                                                                            \
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (long long)(count);            \
       i += (long long)blockDim.x * gridDim.x)

__device__ __forceinline__ bool sluice_valid(const unsigned int* validity, long long row) {
  return validity == 0 || ((validity[row >> 5] >> (row & 31)) & 1u) != 0;
}

__device__ __forceinline__ unsigned int sluice_word(const unsigned int* validity, long long word) {
  return validity == 0 ? 0xffffffffu : validity[word];
}

// The bits of word `word` that are rows < n.
__device__ __forceinline__ unsigned int sluice_tail_mask(long long word, int n) {
  long long rows = (long long)n - word * 32;
  return rows >= 32 ? 0xffffffffu : (rows <= 0 ? 0u : ((1u << rows) - 1u));
}

__device__ __forceinline__ unsigned long long sluice_fmix64(unsigned long long k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

// ColumnHash.hashDouble: -0.0 as 0.0, every NaN as the canonical NaN, then fmix64 of the bits.
__device__ __forceinline__ unsigned long long sluice_hash_double(double v) {
  long long bits;
  if (v != v) {
    bits = SLUICE_CANONICAL_NAN;
  } else if (v == 0.0) {
    bits = 0;
  } else {
    bits = __double_as_longlong(v);
  }
  return sluice_fmix64((unsigned long long)bits);
}

// Java's Double.compare: -0.0 < 0.0, NaN equal to NaN and above everything.
__device__ __forceinline__ int sluice_compare_double(double a, double b) {
  if (a < b) return -1;
  if (a > b) return 1;
  long long x = a != a ? SLUICE_CANONICAL_NAN : __double_as_longlong(a);
  long long y = b != b ? SLUICE_CANONICAL_NAN : __double_as_longlong(b);
  return x == y ? 0 : (x < y ? -1 : 1);
}

__device__ __forceinline__ bool sluice_test(int op, int order) {
  switch (op) {
    case 0: return order == 0;
    case 1: return order != 0;
    case 2: return order < 0;
    case 3: return order <= 0;
    case 4: return order > 0;
    default: return order >= 0;
  }
}

// MinMaxAccumulator's float order: NaN after everything, -0.0 equal to 0.0.
__device__ __forceinline__ bool sluice_before(double a, double b) { return a < b || (b != b && a == a); }

// ================================ filter + compaction ================================

// selection bit i = row i is valid and (values[i] op constant); one thread per 32-row word.
extern "C" __global__ void filter_cmp_i64(const long long* values, const unsigned int* validity, int n, int op, long long constant, unsigned int* selection) {
  GRID_STRIDE(w, ((long long)n + 31) >> 5) {
    unsigned int bits = sluice_word(validity, w) & sluice_tail_mask(w, n);
    unsigned int out = 0;
    for (int b = 0; b < 32; b++) {
      if ((bits >> b) & 1u) {
        long long v = values[w * 32 + b];
        int order = v < constant ? -1 : (v > constant ? 1 : 0);
        if (sluice_test(op, order)) out |= 1u << b;
      }
    }
    selection[w] = out;
  }
}

// As filter_cmp_i64, comparing as Java's Double.compare does.
extern "C" __global__ void filter_cmp_f64(const double* values, const unsigned int* validity, int n, int op, double constant, unsigned int* selection) {
  GRID_STRIDE(w, ((long long)n + 31) >> 5) {
    unsigned int bits = sluice_word(validity, w) & sluice_tail_mask(w, n);
    unsigned int out = 0;
    for (int b = 0; b < 32; b++) {
      if ((bits >> b) & 1u) {
        if (sluice_test(op, sluice_compare_double(values[w * 32 + b], constant))) out |= 1u << b;
      }
    }
    selection[w] = out;
  }
}

// selection[w] &= other[w] for the ceil(n/32) words of n rows: a conjunction of two filters.
extern "C" __global__ void selection_and(unsigned int* selection, const unsigned int* other, int n) {
  GRID_STRIDE(w, ((long long)n + 31) >> 5) { selection[w] &= other[w]; }
}

// tile_counts[t] = selected rows in rows [t*TILE, (t+1)*TILE); ceil(n/TILE) tiles.
extern "C" __global__ void selection_tile_counts(const unsigned int* selection, int n, int* tile_counts) {
  const long long words = ((long long)n + 31) >> 5;
  GRID_STRIDE(t, ((long long)n + SLUICE_TILE_ROWS - 1) / SLUICE_TILE_ROWS) {
    int count = 0;
    for (long long w = t * (SLUICE_TILE_ROWS / 32); w < (t + 1) * (SLUICE_TILE_ROWS / 32) && w < words; w++) {
      count += __popc(selection[w] & sluice_tail_mask(w, n));
    }
    tile_counts[t] = count;
  }
}

// offsets[i] = counts[0] + ... + counts[i-1]; *total = the sum of all. One thread does it all
// (launch 1x1): the counts are per tile, so there are n/256 of them.
extern "C" __global__ void exclusive_scan_i32(const int* counts, int n, int* offsets, int* total) {
  if (blockIdx.x != 0 || threadIdx.x != 0) return;
  int sum = 0;
  for (int i = 0; i < n; i++) {
    offsets[i] = sum;
    sum += counts[i];
  }
  *total = sum;
}

// indices[tile_offsets[t] + k] = the k-th selected row of tile t: the selected rows in row order.
extern "C" __global__ void selection_scatter(const unsigned int* selection, int n, const int* tile_offsets, int* indices) {
  const long long words = ((long long)n + 31) >> 5;
  GRID_STRIDE(t, ((long long)n + SLUICE_TILE_ROWS - 1) / SLUICE_TILE_ROWS) {
    int at = tile_offsets[t];
    for (long long w = t * (SLUICE_TILE_ROWS / 32); w < (t + 1) * (SLUICE_TILE_ROWS / 32) && w < words; w++) {
      unsigned int bits = selection[w] & sluice_tail_mask(w, n);
      while (bits != 0) {
        int b = __ffs((int)bits) - 1;
        indices[at++] = (int)(w * 32 + b);
        bits &= bits - 1;
      }
    }
  }
}

// out[i] = values[indices[i]] for i < m; out_validity likewise (skipped when validity is null).
extern "C" __global__ void gather_i64(const long long* values, const unsigned int* validity, const int* indices, int m, long long* out, unsigned int* out_validity) {
  GRID_STRIDE(i, m) { out[i] = values[indices[i]]; }
  if (validity != 0) {
    GRID_STRIDE(w, ((long long)m + 31) >> 5) {
      unsigned int bits = 0;
      for (int b = 0; b < 32 && w * 32 + b < m; b++) {
        if (sluice_valid(validity, indices[w * 32 + b])) bits |= 1u << b;
      }
      out_validity[w] = bits;
    }
  }
}

extern "C" __global__ void gather_f64(const double* values, const unsigned int* validity, const int* indices, int m, double* out, unsigned int* out_validity) {
  GRID_STRIDE(i, m) { out[i] = values[indices[i]]; }
  if (validity != 0) {
    GRID_STRIDE(w, ((long long)m + 31) >> 5) {
      unsigned int bits = 0;
      for (int b = 0; b < 32 && w * 32 + b < m; b++) {
        if (sluice_valid(validity, indices[w * 32 + b])) bits |= 1u << b;
      }
      out_validity[w] = bits;
    }
  }
}

// ================================ projection arithmetic ================================

// out_validity = a_validity & b_validity (all ones where both are null pointers).
__device__ __forceinline__ void sluice_and_validity(const unsigned int* a_validity, const unsigned int* b_validity, int n, unsigned int* out_validity) {
  GRID_STRIDE(w, ((long long)n + 31) >> 5) {
    out_validity[w] = sluice_word(a_validity, w) & sluice_word(b_validity, w) & sluice_tail_mask(w, n);
  }
}

// out = a op b (op 0 +, 1 -, 2 *), wrapping like Java's long arithmetic; *overflow = 1 when a
// non-null row wrapped. b null: a op constant.
extern "C" __global__ void arith_i64(const long long* a, const unsigned int* a_validity, const long long* b, const unsigned int* b_validity, long long constant, int n, int op, long long* out, unsigned int* out_validity, int* overflow) {
  bool wrapped = false;
  GRID_STRIDE(i, n) {
    unsigned long long x = (unsigned long long)a[i];
    unsigned long long y = (unsigned long long)(b != 0 ? b[i] : constant);
    long long r;
    bool over;
    if (op == 0) {
      r = (long long)(x + y);
      over = (((long long)(x ^ (unsigned long long)r)) & ((long long)(y ^ (unsigned long long)r))) < 0;
    } else if (op == 1) {
      r = (long long)(x - y);
      over = (((long long)(x ^ y)) & ((long long)(x ^ (unsigned long long)r))) < 0;
    } else {
      r = (long long)(x * y);
      over = __mul64hi((long long)x, (long long)y) != (r >> 63);
    }
    out[i] = r;
    if (over && sluice_valid(a_validity, i) && (b == 0 || sluice_valid(b_validity, i))) wrapped = true;
  }
  if (wrapped) atomicExch(overflow, 1);
  sluice_and_validity(a_validity, b != 0 ? b_validity : 0, n, out_validity);
}

// out = a op b (op 0 +, 1 -, 2 *, 3 /) in IEEE double; division by zero gives null (as the CPU).
extern "C" __global__ void arith_f64(const double* a, const unsigned int* a_validity, const double* b, const unsigned int* b_validity, double constant, int n, int op, double* out, unsigned int* out_validity) {
  GRID_STRIDE(i, n) {
    double x = a[i];
    double y = b != 0 ? b[i] : constant;
    double r;
    if (op == 0) {
      r = __dadd_rn(x, y);
    } else if (op == 1) {
      r = __dsub_rn(x, y);
    } else if (op == 2) {
      r = __dmul_rn(x, y);
    } else {
      r = y == 0.0 ? 0.0 : __ddiv_rn(x, y);
    }
    out[i] = r;
  }
  GRID_STRIDE(w, ((long long)n + 31) >> 5) {
    unsigned int bits = sluice_word(a_validity, w) & (b != 0 ? sluice_word(b_validity, w) : 0xffffffffu) & sluice_tail_mask(w, n);
    if (op == 3) {
      for (int k = 0; k < 32; k++) {
        if (((bits >> k) & 1u) && (b != 0 ? b[w * 32 + k] : constant) == 0.0) bits &= ~(1u << k);
      }
    }
    out_validity[w] = bits;
  }
}

// value / divisor rounded HALF_UP (divisor > 0), as DecimalMath.divideHalfUp.
__device__ __forceinline__ long long sluice_divide_half_up(long long value, long long divisor) {
  long long quotient = value / divisor;
  long long remainder = value % divisor;
  long long abs_remainder = remainder < 0 ? -remainder : remainder;
  if (remainder != 0 && abs_remainder >= divisor - abs_remainder) quotient += value < 0 ? -1 : 1;
  return quotient;
}

// Decimal a * b on unscaled longs: the exact product (scale sa+sb) divided HALF_UP by divisor =
// 10^(sa+sb-result scale) (1 when no rounding). *overflow = 1 when a non-null row's exact product
// exceeds 64 bits: the caller then redoes the batch on the CPU (which goes exact through BigDecimal).
extern "C" __global__ void decimal_mul(const long long* a, const unsigned int* a_validity, const long long* b, const unsigned int* b_validity, long long constant, int n, long long divisor, long long* out, unsigned int* out_validity, int* overflow) {
  bool over_any = false;
  GRID_STRIDE(i, n) {
    long long x = a[i];
    long long y = b != 0 ? b[i] : constant;
    long long r = (long long)((unsigned long long)x * (unsigned long long)y);
    bool over = __mul64hi(x, y) != (r >> 63);
    out[i] = divisor == 1 ? r : sluice_divide_half_up(r, divisor);
    if (over && sluice_valid(a_validity, i) && (b == 0 || sluice_valid(b_validity, i))) over_any = true;
  }
  if (over_any) atomicExch(overflow, 1);
  sluice_and_validity(a_validity, b != 0 ? b_validity : 0, n, out_validity);
}

// Decimal a / b on unscaled longs: (a * factor) / b rounded HALF_UP, factor = 10^(result scale -
// sa + sb) (>= 1), as DecimalArithmeticKernel's fast path; b == 0 gives null. *overflow = 1 when
// a non-null row leaves the fast path (|a| > LLONG_MAX / factor or b == LLONG_MIN).
extern "C" __global__ void decimal_div(const long long* a, const unsigned int* a_validity, const long long* b, const unsigned int* b_validity, long long constant, int n, long long factor, long long* out, unsigned int* out_validity, int* overflow) {
  const long long limit = SLUICE_LLONG_MAX / factor;
  bool over_any = false;
  GRID_STRIDE(i, n) {
    long long x = a[i];
    long long d = b != 0 ? b[i] : constant;
    long long q = 0;
    if (d != 0) {
      if (x <= limit && x >= -limit && d != SLUICE_LLONG_MIN) {
        long long scaled = x * factor;
        q = scaled / d;
        long long remainder = scaled % d;
        long long abs_remainder = remainder < 0 ? -remainder : remainder;
        long long abs_divisor = d < 0 ? -d : d;
        if (remainder != 0 && abs_remainder >= abs_divisor - abs_remainder) q += ((scaled < 0) == (d < 0)) ? 1 : -1;
      } else if (sluice_valid(a_validity, i) && (b == 0 || sluice_valid(b_validity, i))) {
        over_any = true;
      }
    }
    out[i] = q;
  }
  if (over_any) atomicExch(overflow, 1);
  GRID_STRIDE(w, ((long long)n + 31) >> 5) {
    unsigned int bits = sluice_word(a_validity, w) & (b != 0 ? sluice_word(b_validity, w) : 0xffffffffu) & sluice_tail_mask(w, n);
    for (int k = 0; k < 32; k++) {
      if (((bits >> k) & 1u) && (b != 0 ? b[w * 32 + k] : constant) == 0) bits &= ~(1u << k);
    }
    out_validity[w] = bits;
  }
}

// ================================ hashing and partitioning ================================

// hashes[i] = ColumnHash.SEED.
extern "C" __global__ void hash_init(unsigned long long* hashes, int n) {
  GRID_STRIDE(i, n) { hashes[i] = (unsigned long long)SLUICE_SEED; }
}

// hashes[i] = hashes[i] * 31 + (null ? NULL_HASH : fmix64(values[i])), as ColumnHash.combine.
extern "C" __global__ void hash_combine_i64(const long long* values, const unsigned int* validity, int n, unsigned long long* hashes) {
  GRID_STRIDE(i, n) {
    unsigned long long k = sluice_valid(validity, i) ? sluice_fmix64((unsigned long long)values[i]) : SLUICE_NULL_HASH;
    hashes[i] = hashes[i] * 31ULL + k;
  }
}

// As hash_combine_i64 with ColumnHash.hashDouble.
extern "C" __global__ void hash_combine_f64(const double* values, const unsigned int* validity, int n, unsigned long long* hashes) {
  GRID_STRIDE(i, n) {
    unsigned long long k = sluice_valid(validity, i) ? sluice_hash_double(values[i]) : SLUICE_NULL_HASH;
    hashes[i] = hashes[i] * 31ULL + k;
  }
}

// Finishes the row hashes in place (fmix64), partition_ids[i] = Long.remainderUnsigned(hash,
// partitions), counts[p] += rows of partition p (counts zeroed by the caller).
extern "C" __global__ void hash_partition(unsigned long long* hashes, int n, int partitions, int* partition_ids, int* counts) {
  GRID_STRIDE(i, n) {
    unsigned long long h = sluice_fmix64(hashes[i]);
    hashes[i] = h;
    int p = (int)(h % (unsigned long long)partitions);
    partition_ids[i] = p;
    atomicAdd(&counts[p], 1);
  }
}

// ================================ hash aggregation ================================

// data[i] = value for i < n (table and accumulator initialisation).
extern "C" __global__ void fill_i64(long long* data, int n, long long value) {
  GRID_STRIDE(i, n) { data[i] = value; }
}

extern "C" __global__ void fill_i32(int* data, int n, int value) {
  GRID_STRIDE(i, n) { data[i] = value; }
}

// Groups by an int64 key: open addressing (linear probing, atomicCAS) over table[capacity]
// (capacity = 1 << capacity_log2, filled with Long.MIN_VALUE = empty by the caller). group_ids[i]
// is the row's slot; null keys go to slot `capacity`, the key Long.MIN_VALUE to `capacity + 1`;
// -1 and *overflow = 1 when the table is full. first_row[slot] = the smallest row of the group
// (capacity + 2 entries, filled with INT_MAX by the caller): ordering groups by it gives the CPU's
// first-seen group order.
extern "C" __global__ void agg_groups_i64(const long long* keys, const unsigned int* validity, int n, unsigned long long* table, int capacity_log2, int* first_row, int* group_ids, int* overflow) {
  const unsigned long long capacity = 1ULL << capacity_log2;
  const unsigned long long mask = capacity - 1;
  GRID_STRIDE(i, n) {
    long long group;
    if (!sluice_valid(validity, i)) {
      group = (long long)capacity;
    } else if (keys[i] == SLUICE_EMPTY_KEY) {
      group = (long long)capacity + 1;
    } else {
      unsigned long long key = (unsigned long long)keys[i];
      unsigned long long h = sluice_fmix64((unsigned long long)SLUICE_SEED * 31ULL + sluice_fmix64(key));
      unsigned long long slot = capacity_log2 == 0 ? 0 : (h * SLUICE_SPREAD) >> (64 - capacity_log2);
      group = -1;
      for (unsigned long long probe = 0; probe < capacity; probe++) {
        unsigned long long old = atomicCAS(&table[slot], (unsigned long long)SLUICE_EMPTY_KEY, key);
        if (old == (unsigned long long)SLUICE_EMPTY_KEY || old == key) {
          group = (long long)slot;
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (group < 0) atomicExch(overflow, 1);
    }
    group_ids[i] = (int)group;
    if (group >= 0) atomicMin(&first_row[group], (int)i);
  }
}

// Groups by dictionary codes: group_ids[i] = codes[i], null keys -> dictionary_size; first_row as
// for agg_groups_i64 (dictionary_size + 1 entries).
extern "C" __global__ void agg_groups_dict(const int* codes, const unsigned int* validity, int n, int dictionary_size, int* first_row, int* group_ids) {
  GRID_STRIDE(i, n) {
    int group = sluice_valid(validity, i) ? codes[i] : dictionary_size;
    group_ids[i] = group;
    atomicMin(&first_row[group], (int)i);
  }
}

// counts[g] += non-null rows of group g (every row where validity is null: count(*)).
extern "C" __global__ void agg_count(const int* group_ids, const unsigned int* validity, int n, unsigned long long* counts) {
  GRID_STRIDE(i, n) {
    int g = group_ids[i];
    if (g >= 0 && sluice_valid(validity, i)) atomicAdd(&counts[g], 1ULL);
  }
}

// 128-bit sums of int64 (or unscaled decimal) values: (sums_high[g], sums_low[g]) += value
// sign-extended. sums_low alone is the CPU's wrapping int64 sum; the sum fits 64 bits iff
// sums_high == sums_low >> 63. Both zeroed by the caller.
extern "C" __global__ void agg_sum_i64(const int* group_ids, const long long* values, const unsigned int* validity, int n, unsigned long long* sums_low, unsigned long long* sums_high) {
  GRID_STRIDE(i, n) {
    int g = group_ids[i];
    if (g >= 0 && sluice_valid(validity, i)) {
      unsigned long long v = (unsigned long long)values[i];
      unsigned long long old = atomicAdd(&sums_low[g], v);
      unsigned long long carry = (old + v) < old ? 1ULL : 0ULL;
      unsigned long long high = (values[i] < 0 ? 0xffffffffffffffffULL : 0ULL) + carry;
      if (high != 0) atomicAdd(&sums_high[g], high);
    }
  }
}

// Float64 sums: atomicAdd in whatever order the rows arrive, so the last bits may differ from the
// CPU's row-order sum (exact for values whose partial sums are exact, e.g. small integers).
extern "C" __global__ void agg_sum_f64(const int* group_ids, const double* values, const unsigned int* validity, int n, double* sums) {
  GRID_STRIDE(i, n) {
    int g = group_ids[i];
    if (g >= 0 && sluice_valid(validity, i)) atomicAdd(&sums[g], values[i]);
  }
}

// mins[g] = min(mins[g], non-null values of g); mins filled with Long.MAX_VALUE by the caller.
extern "C" __global__ void agg_min_i64(const int* group_ids, const long long* values, const unsigned int* validity, int n, long long* mins) {
  GRID_STRIDE(i, n) {
    int g = group_ids[i];
    if (g >= 0 && sluice_valid(validity, i)) atomicMin(&mins[g], values[i]);
  }
}

// maxs filled with Long.MIN_VALUE by the caller.
extern "C" __global__ void agg_max_i64(const int* group_ids, const long long* values, const unsigned int* validity, int n, long long* maxs) {
  GRID_STRIDE(i, n) {
    int g = group_ids[i];
    if (g >= 0 && sluice_valid(validity, i)) atomicMax(&maxs[g], values[i]);
  }
}

// Replaces *slot by v while v is before (min) or after (max) it in MinMaxAccumulator's order.
__device__ __forceinline__ void sluice_atomic_extreme_f64(double* slot, double v, bool max) {
  unsigned long long* bits = (unsigned long long*)slot;
  unsigned long long old = *bits;
  while (true) {
    double current = __longlong_as_double((long long)old);
    if (!(max ? sluice_before(current, v) : sluice_before(v, current))) return;
    unsigned long long seen = atomicCAS(bits, old, (unsigned long long)__double_as_longlong(v));
    if (seen == old) return;
    old = seen;
  }
}

// Float64 min with NaN above every number; mins filled with NaN by the caller. Between -0.0 and
// 0.0 whichever lands first stays (the CPU keeps the first in row order).
extern "C" __global__ void agg_min_f64(const int* group_ids, const double* values, const unsigned int* validity, int n, double* mins) {
  GRID_STRIDE(i, n) {
    int g = group_ids[i];
    if (g >= 0 && sluice_valid(validity, i)) sluice_atomic_extreme_f64(&mins[g], values[i], false);
  }
}

// Float64 max (NaN wins); maxs filled with -Infinity by the caller.
extern "C" __global__ void agg_max_f64(const int* group_ids, const double* values, const unsigned int* validity, int n, double* maxs) {
  GRID_STRIDE(i, n) {
    int g = group_ids[i];
    if (g >= 0 && sluice_valid(validity, i)) sluice_atomic_extreme_f64(&maxs[g], values[i], true);
  }
}
