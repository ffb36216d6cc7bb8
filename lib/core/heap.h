/* heap.h: an indexed 4-ary min-heap over uint32 keys, for Dijkstra.
 *
 * Implementation notes: items are node ids 0..capacity-1; pos[] maps an item
 * to its slot (or HEAP_ABSENT). The heap never allocates after creation.
 * A 4-ary heap halves the depth of a binary heap and keeps the four children
 * of a slot in one cache line (keys and items are stored side by side).
 */
#pragma once

#include "tnet-internal.h"

typedef struct {
  uint32_t key;
  uint32_t item;
} TnetHeapEntry;

typedef struct {
  TnetHeapEntry *slots;   /* slots[0 .. size-1] hold a valid 4-ary heap */
  uint32_t *pos;          /* pos[item] = slot of item, or TNET_HEAP_ABSENT */
  uint32_t size;
  uint32_t capacity;
} TnetHeap;

#define TNET_HEAP_ABSENT UINT32_MAX

void tnet_i_heap_init (TnetHeap *heap, uint32_t capacity);
void tnet_i_heap_clear_all (TnetHeap *heap);   /* O(capacity); use rarely */
void tnet_i_heap_destroy (TnetHeap *heap);
/* Insert, or lower the key of an item already in the heap (never raises). */
void tnet_i_heap_push_or_decrease (TnetHeap *heap, uint32_t item, uint32_t key);
/* Removes and returns the minimum; heap must not be empty. */
TnetHeapEntry tnet_i_heap_pop (TnetHeap *heap);
/* Empties the heap touching only the items still in it. */
void tnet_i_heap_reset (TnetHeap *heap);

static inline gboolean
tnet_i_heap_empty (const TnetHeap *heap)
{
  return heap->size == 0;
}

static inline gboolean
tnet_i_heap_contains (const TnetHeap *heap, uint32_t item)
{
  return heap->pos[item] != TNET_HEAP_ABSENT;
}
