/* Test guest: a malicious virtio-blk driver. Each attack hands disk 0 (or the read-only disk 1) a request
   that is wrong in one way and reports the status byte the device wrote (ee = untouched) and the device
   status register (0x40 = DEVICE_NEEDS_RESET); a device that had to fail is reset. At the end it proves
   the disk still works with a good write and read. */
#include "virtio_blk.h"

static struct vblk disk, readonly;
static struct vblk_header header;
static u8 data[1024];

static void attack(struct vblk *d, const char *name, struct vq_desc *chain, int count) {
    for (int i = 0; i < count; i++) d->q.desc[i] = chain[i];
    d->status = 0xee;
    vq_publish(&d->q, 0);
    *mmio_reg(d->base, 0x50) = 0;
    vq_wait_used(&d->q, 20000);
    u32 device = *mmio_reg(d->base, 0x70);
    puts(name); puts(": status "); puthex2(d->status); puts(" device 0x"); puthex2((u8)device); puts("\r\n");
    if (device & 0x40) vblk_init(d, d->base);
}

/* Header, one data buffer and the status byte, each as given. */
static void request(struct vblk *d, const char *name, u32 type, u64 sector, u64 address, u32 len, u16 data_flags) {
    header = (struct vblk_header){ type, 0, sector };
    attack(d, name, (struct vq_desc[]){ { (u64)&header, 16, VQ_NEXT, 1 }, { address, len, (u16)(VQ_NEXT | data_flags), 2 },
                                        { (u64)&d->status, 1, VQ_WRITE, 0 } }, 3);
}

void main(const struct hvsh_info *info) {
    if (info->disk_count < 2) { puts("needs two disks\r\n"); return; }
    if (vblk_init(&disk, info->disk_mmio[0]) || vblk_init(&readonly, info->disk_mmio[1])) { puts("init failed\r\n"); return; }
    u64 end = disk.sectors;
    u64 outside = info->memory_bytes + 0x1000;

    request(&disk, "read past the end", VBLK_IN, end, (u64)data, 512, VQ_WRITE);
    request(&disk, "read across the end", VBLK_IN, end - 1, (u64)data, 1024, VQ_WRITE);
    request(&disk, "write past the end", VBLK_OUT, end, (u64)data, 512, 0);
    request(&disk, "sector overflow", VBLK_IN, 0xffffffffffffffffull, (u64)data, 1024, VQ_WRITE);
    request(&disk, "data outside RAM", VBLK_IN, 0, outside, 512, VQ_WRITE);
    request(&disk, "wrapping data address", VBLK_IN, 0, 0xfffffffffffff000ull, 0x2000, VQ_WRITE);
    request(&disk, "partial sector", VBLK_IN, 0, (u64)data, 100, VQ_WRITE);
    request(&disk, "data in the wrong direction", VBLK_IN, 0, (u64)data, 512, 0);
    request(&readonly, "write to a read-only disk", VBLK_OUT, 0, (u64)data, 512, 0);
    request(&disk, "unknown request type", 99, 0, (u64)data, 512, VQ_WRITE);

    header = (struct vblk_header){ VBLK_IN, 0, 0 };
    attack(&disk, "short header", (struct vq_desc[]){ { (u64)&header, 8, VQ_NEXT, 1 }, { (u64)data, 512, VQ_NEXT | VQ_WRITE, 2 },
                                                      { (u64)&disk.status, 1, VQ_WRITE, 0 } }, 3);
    attack(&disk, "header outside RAM", (struct vq_desc[]){ { outside, 16, VQ_NEXT, 1 }, { (u64)&disk.status, 1, VQ_WRITE, 0 } }, 2);
    /* No way to answer these: the device must fail itself, not the worker. */
    attack(&disk, "no status byte", (struct vq_desc[]){ { (u64)&header, 16, VQ_NEXT, 1 }, { (u64)data, 512, 0, 0 } }, 2);
    attack(&disk, "status outside RAM", (struct vq_desc[]){ { (u64)&header, 16, VQ_NEXT, 1 }, { outside, 1, VQ_WRITE, 0 } }, 2);
    attack(&disk, "descriptor loop", (struct vq_desc[]){ { (u64)&header, 16, VQ_NEXT, 0 } }, 1);
    attack(&disk, "bad index", (struct vq_desc[]){ { (u64)&header, 16, VQ_NEXT, 200 } }, 1);

    for (int i = 0; i < 512; i++) data[i] = (u8)(i * 7 + 1);
    int written = vblk_request(&disk, VBLK_OUT, 1, data, 512);
    for (int i = 0; i < 512; i++) data[512 + i] = 0;
    int read = vblk_request(&disk, VBLK_IN, 1, data + 512, 512);
    int same = 1;
    for (int i = 0; i < 512; i++) if (data[512 + i] != data[i]) same = 0;
    puts("good request: write "); puthex2((u8)written); puts(" read "); puthex2((u8)read);
    puts(same ? " data intact\r\n" : " data differs\r\n");
}
