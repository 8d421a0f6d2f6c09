/* A minimal virtio-net driver for hvsh's guests: one 8-entry receive and one 8-entry transmit queue
   (virtqueue.h), polled (no interrupts). */
#ifndef HVSH_VIRTIO_NET_H
#define HVSH_VIRTIO_NET_H
#include "virtqueue.h"

#define VIRTIO_NET_HDR 12
#define RX_BUFFER 2048

struct vnet {
    u64 base;
    struct virtq rx, tx;
    u8 mac[6];
    u8 rx_buffers[VQ_SIZE][RX_BUFFER];
    u8 tx_buffer[1600];
};

/* Negotiates VERSION_1 + MAC and sets up both queues. Returns 0 or a negative step number. */
static inline int vnet_init(struct vnet *n, u64 base) {
    n->base = base;
    long long accepted = virtio_negotiate(base, 1, 1u << 5);
    if (accepted < 0) return (int)accepted;
    for (int i = 0; i < 6; i++) n->mac[i] = *(volatile u8 *)(base + 0x100 + i);
    queue_setup(base, 0, &n->rx);
    queue_setup(base, 1, &n->tx);
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
