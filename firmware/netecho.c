/* Test guest: drives its first virtio-net adapter. It posts receive buffers, says "rx ready", waits for a
   frame of EtherType 0x88b5, reports it, and answers with a frame of its own from its MAC. */
#include "virtio_net.h"

static struct vnet nic;

void main(const struct hvsh_info *info) {
    if (info->nic_count == 0) { puts("no NIC\r\n"); return; }
    int result = vnet_init(&nic, info->nic_mmio[0]);
    if (result) { puts("virtio-net init failed "); putdec((u64)-result); puts("\r\n"); return; }
    vnet_post_rx(&nic);
    puts("rx ready\r\n");
    for (;;) {
        u8 *frame;
        u32 len = vnet_poll_rx(&nic, &frame, 4000000);
        if (len == 0) { puts("no frame\r\n"); return; }
        if (len >= 14 && frame[12] == 0x88 && frame[13] == 0xb5) {
            puts("received "); putdec(len); puts(" bytes: ");
            for (u32 i = 14; i < len && frame[i]; i++) putc((char)frame[i]);
            puts("\r\n");
            break;
        }
    }
    u8 reply[64];
    const char *text = "hello from the guest";
    for (int i = 0; i < 6; i++) { reply[i] = 0xff; reply[6 + i] = nic.mac[i]; }
    reply[12] = 0x88; reply[13] = 0xb5;
    int i = 0;
    for (; text[i]; i++) reply[14 + i] = (u8)text[i];
    for (; 14 + i < 64; i++) reply[14 + i] = 0;
    puts(vnet_send(&nic, reply, 64) == 0 ? "sent\r\n" : "send timed out\r\n");
}
