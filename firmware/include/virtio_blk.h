/* A minimal virtio-blk driver for hvsh's guests: one 8-entry queue (virtqueue.h), one request at a time,
   polled. Sectors are virtio's 512-byte units whatever the disk's logical sector size. */
#ifndef HVSH_VIRTIO_BLK_H
#define HVSH_VIRTIO_BLK_H
#include "virtqueue.h"

#define VBLK_IN 0
#define VBLK_OUT 1
#define VBLK_FLUSH 4
#define VBLK_GET_ID 8

#define VBLK_F_RO (1u << 5)
#define VBLK_F_BLK_SIZE (1u << 6)
#define VBLK_F_FLUSH (1u << 9)
#define VBLK_F_TOPOLOGY (1u << 10)

struct vblk_header { u32 type; u32 reserved; u64 sector; };

struct vblk {
    u64 base;
    struct virtq q;
    u64 sectors;            /* capacity in 512-byte sectors */
    u32 logical, physical;  /* sector sizes in bytes */
    int read_only;
    struct vblk_header header;
    volatile u8 status;
};

static inline u8 vblk_config8(struct vblk *d, u32 offset) { return *(volatile u8 *)(d->base + 0x100 + offset); }
static inline u32 vblk_config32(struct vblk *d, u32 offset) { return *(volatile u32 *)(d->base + 0x100 + offset); }

/* Negotiates, reads the geometry and sets up the queue. Returns 0 or a negative step number. */
static inline int vblk_init(struct vblk *d, u64 base) {
    d->base = base;
    /* A reset device starts its rings from zero again, and so must the driver. */
    d->q.avail.idx = 0;
    d->q.used.idx = 0;
    d->q.last_used = 0;
    long long accepted = virtio_negotiate(base, 2, VBLK_F_RO | VBLK_F_BLK_SIZE | VBLK_F_FLUSH | VBLK_F_TOPOLOGY);
    if (accepted < 0) return (int)accepted;
    d->sectors = (u64)vblk_config32(d, 0) | (u64)vblk_config32(d, 4) << 32;
    d->logical = (accepted & VBLK_F_BLK_SIZE) ? vblk_config32(d, 20) : 512;
    d->physical = (accepted & VBLK_F_TOPOLOGY) ? d->logical << vblk_config8(d, 24) : d->logical;
    d->read_only = (accepted & VBLK_F_RO) != 0;
    queue_setup(base, 0, &d->q);
    *mmio_reg(base, 0x70) = 1 | 2 | 8 | 4;
    return 0;
}

/* One request: header, optional data (`len` bytes at `buffer`, written by the device for IN and GET_ID),
   status. Returns the status byte (0 ok, 1 I/O error, 2 unsupported) or -1 when the device never answered. */
static inline int vblk_request(struct vblk *d, u32 type, u64 sector, void *buffer, u32 len) {
    d->header = (struct vblk_header){ type, 0, sector };
    d->status = 0xff;
    int device_writes = type == VBLK_IN || type == VBLK_GET_ID;
    d->q.desc[0] = (struct vq_desc){ (u64)&d->header, sizeof d->header, VQ_NEXT, 1 };
    u16 last = 1;
    if (len) {
        d->q.desc[1] = (struct vq_desc){ (u64)buffer, len, (u16)(VQ_NEXT | (device_writes ? VQ_WRITE : 0)), 2 };
        last = 2;
    } else {
        d->q.desc[0].next = 1;
    }
    d->q.desc[last] = (struct vq_desc){ (u64)&d->status, 1, VQ_WRITE, 0 };
    vq_publish(&d->q, 0);
    *mmio_reg(d->base, 0x50) = 0;
    if (vq_wait_used(&d->q, 1000000) < 0) return -1;
    return d->status;
}
#endif
