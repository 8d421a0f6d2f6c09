/* The built-in firmware's disk check: reports each virtio-blk disk and, asked on the command line or the
   console, writes a recognisable pattern to chosen sectors and reads it back with a checksum:
     diskwrite=<disk>,<sector>,<count>,<tag>   fill sectors with the pattern for <tag>, flush, read back
     diskread=<disk>,<sector>,<count>          read sectors, report their checksum and the tag they hold
     diskinfo=<disk>                           the capacity in the configuration space now, and whether a
                                               configuration-change interrupt came since the last look
   Sector n of a pattern repeats the line "hvsh-disk-pattern tag=<tag> sector=<n>\n" over its 512 bytes.
   The checksum is FNV-1a (32 bits) over all the bytes read. At most 8 sectors per command. */
#ifndef HVSH_DISKTEST_H
#define HVSH_DISKTEST_H
#include "netstack.h"
#include "virtio_blk.h"

#define DISK_MAX 8
#define DISK_CHUNK 8

static struct vblk disks[DISK_MAX];
static u32 disk_count;
static u8 disk_data[DISK_CHUNK * 512];
static u8 disk_readback[DISK_CHUNK * 512];

static void puthex32(u32 v) { puts("0x"); for (int s = 24; s >= 0; s -= 8) puthex2((u8)(v >> s)); }

static u32 fnv1a(const u8 *p, u32 n) {
    u32 h = 2166136261u;
    while (n--) { h ^= *p++; h *= 16777619u; }
    return h;
}

static void disk_banner(volatile struct hvsh_info *info) {
    disk_count = info->disk_count < DISK_MAX ? info->disk_count : DISK_MAX;
    for (u32 n = 0; n < disk_count; n++) {
        struct vblk *d = &disks[n];
        puts("disk "); putdec(n); puts(": ");
        int result = vblk_init(d, info->disk_mmio[n]);
        if (result) { puts("no virtio-blk device ("); putdec((u64)-result); puts(")\r\n"); continue; }
        u64 bytes = d->sectors * 512;
        putdec(bytes >> 20); puts(" MB ("); putdec(bytes); puts(" bytes), sector size "); putdec(d->logical);
        puts(", physical sector size "); putdec(d->physical);
        puts(d->read_only ? ", read-only\r\n" : "\r\n");
    }
}

static void fill_pattern(u8 *p, u64 sector, const char *tag, u32 tag_len) {
    char line[64];
    u32 n = 0;
    const char *head = "hvsh-disk-pattern tag=";
    while (*head) line[n++] = *head++;
    for (u32 i = 0; i < tag_len; i++) line[n++] = tag[i];
    const char *mid = " sector=";
    while (*mid) line[n++] = *mid++;
    char digits[21]; int d = 20; digits[d] = 0;
    do { digits[--d] = (char)('0' + sector % 10); sector /= 10; } while (sector);
    while (digits[d]) line[n++] = digits[d++];
    line[n++] = '\n';
    for (u32 i = 0, j = 0; i < 512; i++) { p[i] = (u8)line[j]; if (++j == n) j = 0; }
}

/* Parses a decimal number; returns the character after it or 0. */
static const char *parse_number(const char *s, const char *end, u64 *value) {
    if (s >= end || *s < '0' || *s > '9') return 0;
    *value = 0;
    while (s < end && *s >= '0' && *s <= '9') *value = *value * 10 + (u64)(*s++ - '0');
    return s;
}

static void disk_report_error(const char *verb, u64 n, int status) {
    puts(verb); putc(' '); putdec(n); puts(": ");
    puts(status < 0 ? "no answer from the device\r\n" : status == 1 ? "I/O error\r\n" : "unsupported\r\n");
}

/* An online resize: the device changes its capacity and raises InterruptStatus bit 1. The driver
   acknowledges it and rereads the capacity until ConfigGeneration is the same before and after. */
static void disk_info(const char *s, const char *end) {
    u64 n;
    if (!parse_number(s, end, &n) || n >= disk_count) { puts("diskinfo: no such disk\r\n"); return; }
    struct vblk *d = &disks[n];
    u32 changed = *mmio_reg(d->base, 0x60) & 2;
    if (changed) *mmio_reg(d->base, 0x64) = 2;
    u32 generation;
    do {
        generation = *mmio_reg(d->base, 0xfc);
        d->sectors = (u64)vblk_config32(d, 0) | (u64)vblk_config32(d, 4) << 32;
    } while (generation != *mmio_reg(d->base, 0xfc));
    puts("diskinfo "); putdec(n); puts(": "); putdec(d->sectors * 512); puts(" bytes, configuration ");
    puts(changed ? "changed, generation " : "unchanged, generation "); putdec(generation); puts("\r\n");
}

/* Runs one "diskwrite=...", "diskread=..." or "diskinfo=..." word; anything else is ignored. */
static void disk_command(const char *s, const char *end) {
    if (end - s > 9 && equal((const u8 *)s, (const u8 *)"diskinfo=", 9)) { disk_info(s + 9, end); return; }
    int writing = end - s > 10 && equal((const u8 *)s, (const u8 *)"diskwrite=", 10);
    int reading = !writing && end - s > 9 && equal((const u8 *)s, (const u8 *)"diskread=", 9);
    if (!writing && !reading) return;
    const char *verb = writing ? "diskwrite" : "diskread";
    s += writing ? 10 : 9;
    u64 n, sector, count;
    if (!(s = parse_number(s, end, &n)) || s >= end || *s++ != ',' || !(s = parse_number(s, end, &sector)) ||
        s >= end || *s++ != ',' || !(s = parse_number(s, end, &count)) || (writing && (s >= end || *s++ != ','))) {
        puts(verb); puts(": expected <disk>,<sector>,<count>"); puts(writing ? ",<tag>\r\n" : "\r\n");
        return;
    }
    const char *tag = s;
    u32 tag_len = writing ? (u32)(end - s) : 0;
    if (n >= disk_count || count == 0 || count > DISK_CHUNK || tag_len > 16 || (writing && tag_len == 0)) {
        puts(verb); puts(": no such disk, or count not 1-8, or tag not 1-16 characters\r\n");
        return;
    }
    struct vblk *d = &disks[n];
    u32 len = (u32)count * 512;
    if (writing) {
        for (u64 i = 0; i < count; i++) fill_pattern(disk_data + i * 512, sector + i, tag, tag_len);
        int status = vblk_request(d, VBLK_OUT, sector, disk_data, len);
        if (status == 0) status = vblk_request(d, VBLK_FLUSH, 0, 0, 0);
        if (status != 0) { disk_report_error(verb, n, status); return; }
    }
    int status = vblk_request(d, VBLK_IN, sector, disk_readback, len);
    if (status != 0) { disk_report_error(verb, n, status); return; }
    puts(verb); putc(' '); putdec(n); puts(": sectors "); putdec(sector); putc('+'); putdec(count);
    puts(" checksum "); puthex32(fnv1a(disk_readback, len));
    if (writing) {
        puts(equal(disk_readback, disk_data, len) ? " tag " : " MISMATCH tag ");
        for (u32 i = 0; i < tag_len; i++) putc(tag[i]);
    } else if (equal(disk_readback, (const u8 *)"hvsh-disk-pattern tag=", 22)) {
        puts(" tag ");
        for (u32 i = 22; i < 512 && disk_readback[i] != ' '; i++) putc((char)disk_readback[i]);
    } else {
        puts(" no pattern");
    }
    puts("\r\n");
}

/* Console lines are commands too: collected from the UART (IRQ 4) by `disk_console_poll`. */
static char console_line[80];
static u32 console_length;

static void disk_console_poll(void) {
    while (inb(COM1 + 5) & 1) {
        char c = (char)inb(COM1);
        if (c == '\r' || c == '\n') {
            disk_command(console_line, console_line + console_length);
            console_length = 0;
        } else if (console_length < sizeof console_line) {
            console_line[console_length++] = c;
        }
    }
}
#endif
