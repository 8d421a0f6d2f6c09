/* Test guest: a malicious virtio-net driver. Each attack hands the device something invalid and reports the
   device status it sees afterwards (0x40 = DEVICE_NEEDS_RESET); then it resets the device and proves it
   still works by sending a good frame. */
#include "virtio_net.h"

static struct vnet nic;

static void report(const char *attack) {
    puts(attack); puts(": status 0x"); puthex2((u8)vnet_status(&nic)); puts("\r\n");
}

static void attack_tx(struct vq_desc *chain, int count) {
    for (int i = 0; i < count; i++) nic.tx.desc[i] = chain[i];
    vq_publish(&nic.tx, 0);
    *mmio_reg(nic.base, 0x50) = 1;
}

void main(const struct hvsh_info *info) {
    if (info->nic_count == 0) { puts("no NIC\r\n"); return; }
    u64 base = info->nic_mmio[0];
    u64 outside = info->memory_bytes + 0x1000;

    vnet_init(&nic, base);
    attack_tx((struct vq_desc[]){ { outside, 64, 0, 0 } }, 1);
    report("outside RAM");

    vnet_init(&nic, base);
    attack_tx((struct vq_desc[]){ { (u64)nic.tx_buffer, 64, 1, 1 }, { (u64)nic.tx_buffer, 64, 1, 0 } }, 2);
    report("loop");

    vnet_init(&nic, base);
    attack_tx((struct vq_desc[]){ { 0x200000, 0x100000, 0, 0 } }, 1);
    report("oversize");

    vnet_init(&nic, base);
    attack_tx((struct vq_desc[]){ { (u64)nic.tx_buffer, 64, 1, 200 } }, 1);
    report("bad index");

    vnet_init(&nic, base);
    attack_tx((struct vq_desc[]){ { 0xfffffffffffff000ull, 0x2000, 0, 0 } }, 1);
    report("wrapping address");

    /* Rings outside RAM: the device must refuse at DRIVER_OK. */
    *mmio_reg(base, 0x70) = 0;
    *mmio_reg(base, 0x70) = 3;
    *mmio_reg(base, 0x24) = 1; *mmio_reg(base, 0x20) = 1;
    *mmio_reg(base, 0x70) = 11;
    *mmio_reg(base, 0x30) = 0; *mmio_reg(base, 0x38) = 8;
    *mmio_reg(base, 0x80) = 0xfff00000; *mmio_reg(base, 0x84) = 0x7;
    *mmio_reg(base, 0x44) = 1;
    *mmio_reg(base, 0x30) = 1; *mmio_reg(base, 0x44) = 1;
    *mmio_reg(base, 0x70) = 15;
    report("rings outside RAM");

    vnet_init(&nic, base);
    u8 frame[64];
    for (int i = 0; i < 64; i++) frame[i] = 0;
    for (int i = 0; i < 6; i++) { frame[i] = 0xff; frame[6 + i] = nic.mac[i]; }
    frame[12] = 0x88; frame[13] = 0xb5;
    const char *text = "still working";
    for (int i = 0; text[i]; i++) frame[14 + i] = (u8)text[i];
    int sent = vnet_send(&nic, frame, 64);
    report("after reset");
    puts(sent == 0 ? "good frame sent\r\n" : "good frame not taken\r\n");
}
