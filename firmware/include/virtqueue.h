/* Split virtqueues over virtio-mmio version 2, shared by hvsh's guest drivers (virtio-net, virtio-blk):
   8-entry rings in the guest image's own memory, polled. */
#ifndef HVSH_VIRTQUEUE_H
#define HVSH_VIRTQUEUE_H
#include "hvsh_guest.h"

#define VQ_SIZE 8
#define VQ_NEXT 1
#define VQ_WRITE 2

struct vq_desc { u64 addr; u32 len; u16 flags; u16 next; };
struct vq_avail { u16 flags; u16 idx; u16 ring[VQ_SIZE]; u16 used_event; };
struct vq_used_elem { u32 id; u32 len; };
struct vq_used { u16 flags; u16 idx; struct vq_used_elem ring[VQ_SIZE]; u16 avail_event; };

struct virtq {
    struct vq_desc desc[VQ_SIZE] __attribute__((aligned(16)));
    struct vq_avail avail __attribute__((aligned(16)));
    struct vq_used used __attribute__((aligned(16)));
    u16 last_used;
};

static inline volatile u32 *mmio_reg(u64 base, u32 offset) { return (volatile u32 *)(base + offset); }
static inline void barrier(void) { __asm__ volatile("" ::: "memory"); }

static inline void vq_publish(struct virtq *q, u16 head) {
    q->avail.ring[q->avail.idx % VQ_SIZE] = head;
    barrier();
    q->avail.idx++;
    barrier();
}

static inline void queue_setup(u64 base, u32 index, struct virtq *q) {
    *mmio_reg(base, 0x30) = index;
    *mmio_reg(base, 0x38) = VQ_SIZE;
    *mmio_reg(base, 0x80) = (u32)(u64)q->desc; *mmio_reg(base, 0x84) = (u32)((u64)q->desc >> 32);
    *mmio_reg(base, 0x90) = (u32)(u64)&q->avail; *mmio_reg(base, 0x94) = (u32)((u64)&q->avail >> 32);
    *mmio_reg(base, 0xa0) = (u32)(u64)&q->used; *mmio_reg(base, 0xa4) = (u32)((u64)&q->used >> 32);
    *mmio_reg(base, 0x44) = 1;
}

/* Resets the device, checks it is virtio-mmio v2 of `device_id`, accepts VERSION_1 plus the `wanted` low
   feature bits it offers and reaches FEATURES_OK. Returns the accepted low bits, or -1/-2 on failure. */
static inline long long virtio_negotiate(u64 base, u32 device_id, u32 wanted) {
    if (*mmio_reg(base, 0) != 0x74726976 || *mmio_reg(base, 4) != 2 || *mmio_reg(base, 8) != device_id) return -1;
    *mmio_reg(base, 0x70) = 0;
    *mmio_reg(base, 0x70) = 1 | 2;
    *mmio_reg(base, 0x14) = 0;
    u32 accepted = *mmio_reg(base, 0x10) & wanted;
    *mmio_reg(base, 0x24) = 0; *mmio_reg(base, 0x20) = accepted;
    *mmio_reg(base, 0x24) = 1; *mmio_reg(base, 0x20) = 1;
    *mmio_reg(base, 0x70) = 1 | 2 | 8;
    if (!(*mmio_reg(base, 0x70) & 8)) return -2;
    return accepted;
}

/* Waits (bounded) for the device to return a chain on `q`; returns the used element's length or -1. */
static inline long vq_wait_used(struct virtq *q, u64 spins) {
    while (spins--) {
        if (*(volatile u16 *)&q->used.idx != q->last_used) {
            u32 len = q->used.ring[q->last_used % VQ_SIZE].len;
            q->last_used++;
            return len;
        }
    }
    return -1;
}
#endif
