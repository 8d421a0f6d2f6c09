/* A minimal virtio-net driver over virtio-mmio version 2, for hvsh's guests: one 8-entry receive and
   one 8-entry transmit queue in the guest image's own memory, polled (no interrupts). */
#ifndef HVSH_VIRTIO_NET_H
#define HVSH_VIRTIO_NET_H
#include "hvsh_guest.h"

#define VQ_SIZE 8
#define VIRTIO_NET_HDR 12
#define RX_BUFFER 2048

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

struct vnet {
    u64 base;
    struct virtq rx, tx;
    u8 mac[6];
    u8 rx_buffers[VQ_SIZE][RX_BUFFER];
    u8 tx_buffer[1600];
};

static inline volatile u32 *mmio_reg(u64 base, u32 offset) { return (volatile u32 *)(base + offset); }
static inline void barrier(void) { __asm__ volatile("" ::: "memory"); }

static inline void vq_publish(struct virtq *q, u16 head) {
    q->avail.ring[q->avail.idx % VQ_SIZE] = head;
    barrier();
    q->avail.idx++;
    barrier();
}

static inline void queue_setup(struct vnet *n, u32 index, struct virtq *q) {
    *mmio_reg(n->base, 0x30) = index;
    *mmio_reg(n->base, 0x38) = VQ_SIZE;
    *mmio_reg(n->base, 0x80) = (u32)(u64)q->desc; *mmio_reg(n->base, 0x84) = (u32)((u64)q->desc >> 32);
    *mmio_reg(n->base, 0x90) = (u32)(u64)&q->avail; *mmio_reg(n->base, 0x94) = (u32)((u64)&q->avail >> 32);
    *mmio_reg(n->base, 0xa0) = (u32)(u64)&q->used; *mmio_reg(n->base, 0xa4) = (u32)((u64)&q->used >> 32);
    *mmio_reg(n->base, 0x44) = 1;
}

/* Negotiates VERSION_1 + MAC and sets up both queues. Returns 0 or a negative step number. */
static inline int vnet_init(struct vnet *n, u64 base) {
    n->base = base;
    if (*mmio_reg(base, 0) != 0x74726976 || *mmio_reg(base, 4) != 2 || *mmio_reg(base, 8) != 1) return -1;
    *mmio_reg(base, 0x70) = 0;
    *mmio_reg(base, 0x70) = 1 | 2;
    *mmio_reg(base, 0x24) = 0; *mmio_reg(base, 0x20) = 1u << 5;
    *mmio_reg(base, 0x24) = 1; *mmio_reg(base, 0x20) = 1;
    *mmio_reg(base, 0x70) = 1 | 2 | 8;
    if (!(*mmio_reg(base, 0x70) & 8)) return -2;
    for (int i = 0; i < 6; i++) n->mac[i] = *(volatile u8 *)(base + 0x100 + i);
    queue_setup(n, 0, &n->rx);
    queue_setup(n, 1, &n->tx);
    *mmio_reg(base, 0x70) = 1 | 2 | 8 | 4;
    return 0;
}

static inline u32 vnet_status(struct vnet *n) { return *mmio_reg(n->base, 0x70); }

/* Offers every receive buffer to the device. */
static inline void vnet_post_rx(struct vnet *n) {
    for (u16 i = 0; i < VQ_SIZE; i++) {
        n->rx.desc[i] = (struct vq_desc){ (u64)n->rx_buffers[i], RX_BUFFER, 2, 0 };
        vq_publish(&n->rx, i);
    }
    *mmio_reg(n->base, 0x50) = 0;
}

/* Polls for a received frame; returns its length (without the virtio header) and the frame pointer, or 0. */
static inline u32 vnet_poll_rx(struct vnet *n, u8 **frame, u64 spins) {
    while (spins--) {
        if (*(volatile u16 *)&n->rx.used.idx != n->rx.last_used) {
            struct vq_used_elem e = n->rx.used.ring[n->rx.last_used % VQ_SIZE];
            n->rx.last_used++;
            *frame = n->rx_buffers[e.id % VQ_SIZE] + VIRTIO_NET_HDR;
            /* Give the buffer straight back for the next frame (its contents stay until reused). */
            vq_publish(&n->rx, (u16)(e.id % VQ_SIZE));
            *mmio_reg(n->base, 0x50) = 0;
            return e.len > VIRTIO_NET_HDR ? e.len - VIRTIO_NET_HDR : 0;
        }
    }
    return 0;
}

/* Sends `len` bytes of frame (Ethernet header included) and waits until the device has taken it. */
static inline int vnet_send(struct vnet *n, const u8 *frame, u32 len) {
    for (u32 i = 0; i < VIRTIO_NET_HDR; i++) n->tx_buffer[i] = 0;
    for (u32 i = 0; i < len; i++) n->tx_buffer[VIRTIO_NET_HDR + i] = frame[i];
    n->tx.desc[0] = (struct vq_desc){ (u64)n->tx_buffer, VIRTIO_NET_HDR + len, 0, 0 };
    vq_publish(&n->tx, 0);
    *mmio_reg(n->base, 0x50) = 1;
    for (u64 spins = 100000; spins; spins--) {
        if (*(volatile u16 *)&n->tx.used.idx != n->tx.last_used) { n->tx.last_used++; return 0; }
    }
    return -1;
}
#endif
