/* hvsh's built-in firmware: what a VM with no boot source runs. It reports what the guest can see
   (vCPUs and memory from the info block, vendor and virtualization extensions from CPUID, NIC MACs,
   disks) on COM1, then idles; given ip= on its command line it runs a tiny IPv4 stack on its first
   adapter (see netstack.h), and it writes and reads disk sectors when told to (see disktest.h). */
#include "netstack.h"
#include "disktest.h"

static void vendor(void) {
    u32 a, regs[3];
    cpuid(0, &a, &regs[0], &regs[2], &regs[1]);
    const char *text = (const char *)regs;
    for (int i = 0; i < 12; i++) putc(text[i]);
}

static const char *virtualization(void) {
    u32 a, b, c, d;
    cpuid(1, &a, &b, &c, &d);
    if (c & (1u << 5)) return "visible (VT-x)";
    cpuid(0x80000000u, &a, &b, &c, &d);
    if (a >= 0x80000001u) {
        cpuid(0x80000001u, &a, &b, &c, &d);
        if (c & (1u << 2)) return "visible (AMD-V)";
    }
    return "not visible";
}

void main(volatile struct hvsh_info *info) {
    puts("hvsh firmware\r\n");
    if (info->magic != HVSH_INFO_MAGIC) { puts("no info block\r\n"); return; }
    puts("vCPUs: "); putdec(info->vcpu_count);
    puts("\r\nmemory: "); putdec(info->memory_bytes >> 20);
    puts(" MB\r\nCPU vendor: "); vendor();
    puts("\r\nvirtualization extensions: "); puts(virtualization());
    puts("\r\n");
    for (u32 n = 0; n < info->nic_count && n < 8; n++) {
        puts("NIC "); putdec(n); puts(": ");
        for (int i = 0; i < 6; i++) { if (i) putc(':'); puthex2(info->macs[n][i]); }
        puts("\r\n");
    }
    disk_banner(info);
    if (info->cmdline_addr && info->cmdline_len) {
        const char *s = (const char *)info->cmdline_addr, *end = s + info->cmdline_len;
        parse_cmdline(s, info->cmdline_len);
        while (s < end) {
            while (s < end && *s == ' ') s++;
            const char *word = s;
            while (s < end && *s != ' ') s++;
            disk_command(word, s);
        }
    }
    void (*idle)(void) = disk_count ? disk_console_poll : 0;
    if (conf.has_ip && info->nic_count > 0) { puts("ready\r\n"); net_run(info, idle, disk_count != 0); return; }
    int doorbell = conf.shutdown_service || conf.heartbeat_service;
    if (!doorbell && !idle) { puts("ready\r\n"); return; } /* idle with interrupts off */
    /* Idle until the host rings (IRQ 3: a shutdown request or a heartbeat) or, with disks, a console command
       arrives (IRQ 4). "ready" comes after arming, so a host that saw it can always hand the guest a shutdown request. */
    idt_set(35, doorbell_isr);
    idt_set(36, serial_isr);
    idt_load();
    pic_init((u8)(0xff & ~(doorbell ? 0x08 : 0) & ~(idle ? 0x10 : 0)));
    if (idle) outb(COM1 + 1, 0x01);
    if (conf.shutdown_service) info->shutdown_armed = 1;
    puts("ready\r\n");
    for (;;) {
        check_shutdown(info);
        if (conf.heartbeat_service) check_heartbeat(info);
        if (idle) idle();
        __asm__ volatile("sti; hlt; cli");
    }
}
