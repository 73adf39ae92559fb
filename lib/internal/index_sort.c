#include "index_sort.h"

static void sift_down(uint32_t *idx, size_t start, size_t end, rmq_index_less less, const void *items)
{
    size_t root = start;
    while (2 * root + 1 < end) {
        size_t child = 2 * root + 1;
        if (child + 1 < end && less(items, idx[child], idx[child + 1])) child++;
        if (!less(items, idx[root], idx[child])) return;
        uint32_t t = idx[root];
        idx[root] = idx[child];
        idx[child] = t;
        root = child;
    }
}

void rmq_index_sort(uint32_t *idx, size_t n, rmq_index_less less, const void *items)
{
    for (size_t i = n / 2; i-- > 0;) sift_down(idx, i, n, less, items);
    for (size_t end = n; end-- > 1;) {
        uint32_t t = idx[0];
        idx[0] = idx[end];
        idx[end] = t;
        sift_down(idx, 0, end, less, items);
    }
}
