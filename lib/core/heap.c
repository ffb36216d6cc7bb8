/* heap.c: indexed 4-ary min-heap (see heap.h for the implementation notes). */
#include "heap.h"

void
tnet_i_heap_init (TnetHeap *heap, uint32_t capacity)
{
  heap->slots = g_new (TnetHeapEntry, capacity > 0 ? capacity : 1);
  heap->pos = g_new (uint32_t, capacity > 0 ? capacity : 1);
  heap->size = 0;
  heap->capacity = capacity;
  for (uint32_t i = 0; i < capacity; i++)
    heap->pos[i] = TNET_HEAP_ABSENT;
}

void
tnet_i_heap_clear_all (TnetHeap *heap)
{
  for (uint32_t i = 0; i < heap->capacity; i++)
    heap->pos[i] = TNET_HEAP_ABSENT;
  heap->size = 0;
}

void
tnet_i_heap_destroy (TnetHeap *heap)
{
  g_free (heap->slots);
  g_free (heap->pos);
  heap->slots = NULL;
  heap->pos = NULL;
  heap->size = heap->capacity = 0;
}

void
tnet_i_heap_reset (TnetHeap *heap)
{
  for (uint32_t s = 0; s < heap->size; s++)
    heap->pos[heap->slots[s].item] = TNET_HEAP_ABSENT;
  heap->size = 0;
}

static inline void
sift_up (TnetHeap *heap, uint32_t slot, TnetHeapEntry e)
{
  while (slot > 0)
    {
      uint32_t parent = (slot - 1) / 4;
      if (heap->slots[parent].key <= e.key)
        break;
      heap->slots[slot] = heap->slots[parent];
      heap->pos[heap->slots[slot].item] = slot;
      slot = parent;
    }
  heap->slots[slot] = e;
  heap->pos[e.item] = slot;
}

void
tnet_i_heap_push_or_decrease (TnetHeap *heap, uint32_t item, uint32_t key)
{
  uint32_t slot = heap->pos[item];
  TnetHeapEntry e = { key, item };
  if (slot == TNET_HEAP_ABSENT)
    slot = heap->size++;
  else if (heap->slots[slot].key <= key)
    return;
  sift_up (heap, slot, e);
}

TnetHeapEntry
tnet_i_heap_pop (TnetHeap *heap)
{
  TnetHeapEntry top = heap->slots[0];
  heap->pos[top.item] = TNET_HEAP_ABSENT;
  uint32_t size = --heap->size;
  if (size == 0)
    return top;
  TnetHeapEntry e = heap->slots[size];
  uint32_t slot = 0;
  for (;;)
    {
      uint32_t first = 4 * slot + 1;
      if (first >= size)
        break;
      uint32_t last = first + 4 < size ? first + 4 : size;
      uint32_t best = first;
      for (uint32_t c = first + 1; c < last; c++)
        if (heap->slots[c].key < heap->slots[best].key)
          best = c;
      if (heap->slots[best].key >= e.key)
        break;
      heap->slots[slot] = heap->slots[best];
      heap->pos[heap->slots[slot].item] = slot;
      slot = best;
    }
  heap->slots[slot] = e;
  heap->pos[e.item] = slot;
  return top;
}
