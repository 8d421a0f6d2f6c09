/* The built-in firmware's network stack: IPv4 over one virtio-net adapter, answering ARP and ICMP echo, and
   sending one UDP probe. Configured from the command line, in the syntax a Linux guest reads:
     ip=<client>::<gateway>:<netmask>   (netmask dotted or as a prefix length)
     probe=<address>:<port>             (hvsh: where to send the UDP probe)
     spoof=<mac>                        (hvsh: send every frame from this source MAC instead of the adapter's)
     integration=shutdown               (hvsh: act on the host's shutdown requests, like Hyper-V's Shutdown service)
     integration=heartbeat              (hvsh: answer the host's heartbeats, like Hyper-V's Heartbeat service) */
#ifndef HVSH_NETSTACK_H
#define HVSH_NETSTACK_H
#include "interrupts.h"
#include "virtio_net.h"

struct netconf {
    u8 ip[4], gateway[4], mask[4], probe[4];
    u16 probe_port;
    int has_ip, has_gateway, has_probe, spoofing, shutdown_service, heartbeat_service;
    u8 source_mac[6];
};

static struct vnet nic;
static struct netconf conf;
static u8 gateway_mac[6];
static int gateway_known;
static u8 out[1600];

static inline void copy(u8 *to, const u8 *from, u32 n) { while (n--) *to++ = *from++; }
static inline int equal(const u8 *a, const u8 *b, u32 n) { while (n--) if (*a++ != *b++) return 0; return 1; }

/* Parses "a.b.c.d" up to `end`; returns the character after it or 0. */
static const char *parse_ip(const char *s, const char *end, u8 ip[4]) {
    for (int i = 0; i < 4; i++) {
        u32 v = 0; int digits = 0;
        while (s < end && *s >= '0' && *s <= '9' && digits < 3) { v = v * 10 + (u32)(*s++ - '0'); digits++; }
        if (!digits || v > 255) return 0;
        ip[i] = (u8)v;
        if (i < 3) { if (s >= end || *s != '.') return 0; s++; }
    }
    return s;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int parse_mac(const char *s, const char *end, u8 mac[6]) {
    for (int i = 0; i < 6; i++) {
        if (end - s < 2 || hexval(s[0]) < 0 || hexval(s[1]) < 0) return 0;
        mac[i] = (u8)(hexval(s[0]) * 16 + hexval(s[1]));
        s += 2;
        if (i < 5) { if (s < end && (*s == ':' || *s == '-')) s++; }
    }
    return 1;
}

static int starts(const char *s, const char *end, const char *prefix) {
    while (*prefix) { if (s >= end || *s != *prefix) return 0; s++; prefix++; }
    return 1;
}

static void parse_cmdline(const char *s, u32 len) {
    const char *end = s + len;
    while (s < end) {
        while (s < end && *s == ' ') s++;
        const char *word = s;
        while (s < end && *s != ' ') s++;
        if (starts(word, s, "ip=")) {
            const char *p = parse_ip(word + 3, s, conf.ip);
            if (!p) continue;
            conf.has_ip = 1;
            /* ip=<client>:<server>:<gateway>:<netmask>:... */
            if (p < s && *p == ':') p++; else continue;
            while (p < s && *p != ':') p++;           /* server, unused */
            if (p < s && *p == ':') p++; else continue;
            const char *g = parse_ip(p, s, conf.gateway);
            if (g) { conf.has_gateway = 1; p = g; } else { while (p < s && *p != ':') p++; }
            if (p < s && *p == ':') p++; else continue;
            if (!parse_ip(p, s, conf.mask)) {
                u32 prefix = 0;
                while (p < s && *p >= '0' && *p <= '9') prefix = prefix * 10 + (u32)(*p++ - '0');
                u32 m = prefix >= 32 ? 0xffffffffu : prefix == 0 ? 0 : ~((1u << (32 - prefix)) - 1);
                for (int i = 0; i < 4; i++) conf.mask[i] = (u8)(m >> (24 - 8 * i));
            }
        } else if (starts(word, s, "probe=")) {
            const char *p = parse_ip(word + 6, s, conf.probe);
            if (p && p < s && *p == ':') {
                u32 port = 0; p++;
                while (p < s && *p >= '0' && *p <= '9') port = port * 10 + (u32)(*p++ - '0');
                if (port > 0 && port < 65536) { conf.probe_port = (u16)port; conf.has_probe = 1; }
            }
        } else if (starts(word, s, "integration=shutdown")) {
            conf.shutdown_service = 1;
        } else if (starts(word, s, "integration=heartbeat")) {
            conf.heartbeat_service = 1;
        } else if (starts(word, s, "spoof=")) {
            if (parse_mac(word + 6, s, conf.source_mac)) conf.spoofing = 1;
        }
    }
}

static void put_ip(const u8 ip[4]) { for (int i = 0; i < 4; i++) { if (i) putc('.'); putdec(ip[i]); } }
static void put_mac(const u8 mac[6]) { for (int i = 0; i < 6; i++) { if (i) putc(':'); puthex2(mac[i]); } }

static u16 checksum(const u8 *data, u32 len, u32 sum) {
    for (u32 i = 0; i + 1 < len; i += 2) sum += (u32)data[i] << 8 | data[i + 1];
    if (len & 1) sum += (u32)data[len - 1] << 8;
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return (u16)~sum;
}

static void put16(u8 *p, u16 v) { p[0] = (u8)(v >> 8); p[1] = (u8)v; }

static void ethernet(u8 *frame, const u8 dst[6], u16 type) {
    copy(frame, dst, 6);
    copy(frame + 6, conf.source_mac, 6);
    put16(frame + 12, type);
}

static void send_arp(u16 op, const u8 target_mac[6], const u8 target_ip[4]) {
    static const u8 broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    ethernet(out, op == 1 ? broadcast : target_mac, 0x0806);
    u8 *a = out + 14;
    put16(a, 1); put16(a + 2, 0x0800); a[4] = 6; a[5] = 4; put16(a + 6, op);
    copy(a + 8, conf.source_mac, 6); copy(a + 14, conf.ip, 4);
    copy(a + 18, target_mac, 6); copy(a + 24, target_ip, 4);
    for (int i = 42; i < 60; i++) out[i] = 0;
    vnet_send(&nic, out, 60);
}

static int on_subnet(const u8 ip[4]) {
    for (int i = 0; i < 4; i++) if ((ip[i] & conf.mask[i]) != (conf.ip[i] & conf.mask[i])) return 0;
    return 1;
}

/* IPv4 header for `payload` bytes of `protocol` to `dst`. */
static void ipv4(u8 *ip, const u8 dst[4], u8 protocol, u32 payload) {
    ip[0] = 0x45; ip[1] = 0; put16(ip + 2, (u16)(20 + payload)); put16(ip + 4, 0); put16(ip + 6, 0x4000);
    ip[8] = 64; ip[9] = protocol; put16(ip + 10, 0);
    copy(ip + 12, conf.ip, 4); copy(ip + 16, dst, 4);
    put16(ip + 10, checksum(ip, 20, 0));
}

static void handle_frame(u8 *frame, u32 len) {
    if (len < 14) return;
    u16 type = (u16)(frame[12] << 8 | frame[13]);
    if (type == 0x0806 && len >= 42) {
        u8 *a = frame + 14;
        u16 op = (u16)(a[6] << 8 | a[7]);
        if (conf.has_gateway && equal(a + 14, conf.gateway, 4)) { copy(gateway_mac, a + 8, 6); gateway_known = 1; }
        if (op == 1 && equal(a + 24, conf.ip, 4)) {
            u8 mac[6], ip[4];
            copy(mac, a + 8, 6); copy(ip, a + 14, 4);
            send_arp(2, mac, ip);
            puts("arp: answered "); put_ip(ip); puts("\r\n");
        }
        return;
    }
    if (type != 0x0800 || len < 34) return;
    u8 *ip = frame + 14;
    u32 header = (u32)(ip[0] & 0x0f) * 4;
    u32 total = (u32)(ip[2] << 8 | ip[3]);
    if ((ip[0] >> 4) != 4 || header < 20 || total < header || 14 + total > len || !equal(ip + 16, conf.ip, 4)) return;
    u8 *body = ip + header;
    u32 body_len = total - header;
    if (ip[9] == 1 && body_len >= 8 && body[0] == 8) {
        /* Echo request: answer with the same identifier, sequence and data. */
        if (body_len + 34 > sizeof(out)) return;
        ethernet(out, frame + 6, 0x0800);
        copy(out + 34, body, body_len);
        out[34] = 0; out[35] = 0; put16(out + 36, 0);
        put16(out + 36, checksum(out + 34, body_len, 0));
        ipv4(out + 14, ip + 12, 1, body_len);
        u32 frame_len = 34 + body_len < 60 ? 60 : 34 + body_len;
        for (u32 i = 34 + body_len; i < frame_len; i++) out[i] = 0;
        vnet_send(&nic, out, frame_len);
        puts("icmp: echo reply to "); put_ip(ip + 12); puts(" seq "); putdec((u32)(body[6] << 8 | body[7])); puts("\r\n");
    } else if (ip[9] == 17 && body_len >= 8 && conf.has_probe) {
        u16 dport = (u16)(body[2] << 8 | body[3]);
        if (dport != 40000) return;
        puts("udp: reply from "); put_ip(ip + 12); puts(": ");
        for (u32 i = 8; i < body_len && i < 72; i++) putc(body[i] >= 32 && body[i] < 127 ? (char)body[i] : '.');
        puts("\r\n");
    }
}

static void send_probe(void) {
    const u8 *next_hop_mac = gateway_mac;
    static const char text[] = "hvsh firmware probe";
    u32 payload = sizeof(text) - 1;
    ethernet(out, next_hop_mac, 0x0800);
    u8 *udp = out + 34;
    put16(udp, 40000); put16(udp + 2, conf.probe_port); put16(udp + 4, (u16)(8 + payload)); put16(udp + 6, 0);
    copy(udp + 8, (const u8 *)text, payload);
    ipv4(out + 14, conf.probe, 17, 8 + payload);
    u32 frame_len = 42 + payload < 60 ? 60 : 42 + payload;
    for (u32 i = 42 + payload; i < frame_len; i++) out[i] = 0;
    vnet_send(&nic, out, frame_len);
    puts("udp: probe sent to "); put_ip(conf.probe); puts(":"); putdec(conf.probe_port);
    puts(" via "); put_mac(next_hop_mac); puts("\r\n");
}

/* Runs the network forever: interrupts from the NIC (IRQ 5) and a 10 Hz timer wake the CPU from hlt. */
/* `idle` runs on every wake-up (the firmware's console commands; IRQ 4 wakes the loop when `serial` is set). */
static void net_run(volatile struct hvsh_info *info, void (*idle)(void), int serial) {
    if (vnet_init(&nic, info->nic_mmio[0]) != 0) { puts("net: no virtio-net device\r\n"); return; }
    if (conf.shutdown_service) info->shutdown_armed = 1;
    if (!conf.spoofing) copy(conf.source_mac, nic.mac, 6);
    puts("net: "); put_ip(conf.ip); puts(" mask "); put_ip(conf.mask);
    if (conf.has_gateway) { puts(" gateway "); put_ip(conf.gateway); }
    puts(" mac "); put_mac(conf.source_mac); puts(conf.spoofing ? " (spoofed)\r\n" : "\r\n");
    vnet_post_rx(&nic);
    idt_set(32, timer_isr);
    idt_set(37, nic_isr);
    idt_set(35, doorbell_isr);
    idt_set(36, serial_isr);
    idt_load();
    /* IRQ 0 (timer), IRQ 3 (shutdown doorbell), IRQ 5 (first NIC) and, for console commands, IRQ 4 */
    pic_init(serial ? 0xc6 : 0xd6);
    if (serial) outb(COM1 + 1, 0x01);
    pit_init(10);
    /* Probe: resolve the next hop (gateway off-subnet, else the destination) by ARP, once a second. */
    int probe_pending = conf.has_probe;
    if (probe_pending && on_subnet(conf.probe)) { copy(conf.gateway, conf.probe, 4); conf.has_gateway = 1; }
    u64 next_arp = 0;
    for (;;) {
        u8 *frame;
        u32 len;
        check_shutdown(info);
        if (conf.heartbeat_service) check_heartbeat(info);
        if (idle) idle();
        while ((len = vnet_poll_rx(&nic, &frame, 1)) != 0) handle_frame(frame, len);
        *mmio_reg(nic.base, 0x64) = *mmio_reg(nic.base, 0x60);
        if (probe_pending && conf.has_gateway) {
            if (gateway_known) { send_probe(); probe_pending = 0; }
            else if (timer_ticks >= next_arp) {
                static const u8 zero[6] = { 0 };
                send_arp(1, zero, conf.gateway);
                next_arp = timer_ticks + 10;
            }
        }
        /* Re-check the ring with interrupts off, then sleep until the next interrupt. */
        if (*(volatile u16 *)&nic.rx.used.idx != nic.rx.last_used) continue;
        __asm__ volatile("sti; hlt; cli");
    }
}
#endif
