/* Test guest: a hostile guest. It writes and reads garbage on every I/O port (except the exit and reset
   ports, which would end the test early), writes and reads across the whole MMIO space outside its RAM,
   then repairs the UART, reports, and idles. The VMM must survive all of it. */
#include "hvsh_guest.h"

void main(const struct hvsh_info *info) {
    u32 seed = 0x2545f491;
    puts("garbage start\r\n");
    for (u32 port = 0; port < 0x10000; port++) {
        if (port == EXIT_PORT || port == 0x64) continue;
        seed = seed * 1103515245u + 12345u;
        outb((u16)port, (u8)(seed >> 16));
        (void)inb((u16)port);
        if ((port & 0xff) == 0) { outw((u16)port, (u16)seed); outl((u16)port, seed); }
    }
    outb(COM1 + 3, 0x03); outb(COM1 + 4, 0x0b);
    puts("\r\nports done\r\n");
    /* Every MiB from the end of RAM up to 4 GiB: no RAM there, so each access is an MMIO exit. */
    u64 start = info->memory_bytes < 0xc0000000ull ? info->memory_bytes : 0xc0000000ull;
    for (u64 address = start; address < 0x100000000ull; address += 0x100000) {
        seed = seed * 1103515245u + 12345u;
        *(volatile u32 *)address = seed;
        (void)*(volatile u32 *)(address + 0x7fc);
    }
    /* Every register of each virtio-mmio window, with rings pointed outside RAM before DRIVER_OK. */
    for (u32 n = 0; n < info->nic_count && n < 8; n++) {
        u64 base = info->nic_mmio[n];
        for (u32 offset = 0; offset < 0x200; offset += 4) {
            seed = seed * 1103515245u + 12345u;
            *(volatile u32 *)(base + offset) = seed;
        }
        *(volatile u32 *)(base + 0x80) = 0xfffff000u; *(volatile u32 *)(base + 0x84) = 0xffffffffu;
        *(volatile u32 *)(base + 0x70) = 0x0f;
        *(volatile u32 *)(base + 0x50) = 1;
    }
    outb(COM1 + 3, 0x03); /* line control back to 8N1, DLAB off */
    outb(COM1 + 4, 0x0b); /* modem control: loopback off */
    outb(COM1 + 1, 0x00);
    puts("\r\ngarbage done\r\n");
}
