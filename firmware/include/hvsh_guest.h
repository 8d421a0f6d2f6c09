/* Shared by hvsh's built-in firmware and test guests: port I/O, the COM1 console, the info block.
   Every guest instruction runs under KVM's emulator on hosts without VT-x/AMD-V (about 1 us each),
   so these helpers do the least work that is correct for hvsh's own devices. */
#ifndef HVSH_GUEST_H
#define HVSH_GUEST_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#define COM1 0x3f8
#define EXIT_PORT 0xf4

/* Mirrors FirmwareInfo in Sources/VMM/Boot/FirmwareInfo.swift. */
struct hvsh_info {
    u32 magic;
    u32 version;
    u32 vcpu_count;
    u32 nic_count;
    u64 memory_bytes;
    u64 cmdline_addr;
    u32 cmdline_len;
    u8 shutdown_armed;      /* guest: 1 once it will act on a shutdown request */
    u8 shutdown_requested;  /* host: 1 to ask the guest to power off (with a pulse on IRQ 3) */
    u8 heartbeat_request;   /* host: a new number (with a pulse on IRQ 3) every heartbeat */
    u8 heartbeat_answer;    /* guest: copies heartbeat_request when it sees it, like Hyper-V's Heartbeat service */
    u8 macs[8][8];
    u64 nic_mmio[8];
    u32 disk_count;
    u32 reserved2;
    u64 disk_mmio[8];
};
#define HVSH_INFO_MAGIC 0x48535648u

static inline void outb(u16 port, u8 value) { __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port)); }
static inline void outw(u16 port, u16 value) { __asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port)); }
static inline void outl(u16 port, u32 value) { __asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d) {
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

/* hvsh's UART transmits instantly, so the guest writes without polling the line status register. */
static inline void putc(char c) { outb(COM1, (u8)c); }
static inline void puts(const char *s) { while (*s) putc(*s++); }
static inline void putdec(u64 v) {
    char buf[21]; int i = 20; buf[i] = 0;
    do { buf[--i] = (char)('0' + v % 10); v /= 10; } while (v);
    puts(buf + i);
}
static inline void puthex2(u8 v) {
    const char *digits = "0123456789abcdef";
    putc(digits[v >> 4]); putc(digits[v & 15]);
}

static inline void halt_forever(void) { for (;;) __asm__ volatile("cli; hlt"); }

#endif
