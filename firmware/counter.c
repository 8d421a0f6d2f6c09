/* Test guest: counts on the console, one line every 5 timer ticks of a 100 Hz PIT, idling on hlt
   between ticks. The count lives in guest memory, so after a snapshot restore it carries on. */
#include "hvsh_guest.h"

volatile u64 ticks;
static u64 count;

struct idt_gate { u16 offset_low, selector; u8 ist, type; u16 offset_mid; u32 offset_high, zero; };
static struct idt_gate idt[33] __attribute__((aligned(16)));

void timer_interrupt(void);
__asm__(
    ".globl timer_interrupt\n"
    "timer_interrupt:\n"
    "  push %rax\n"
    "  incq ticks(%rip)\n"
    "  mov $0x20, %al\n"
    "  out %al, $0x20\n"   /* end of interrupt to the master PIC */
    "  pop %rax\n"
    "  iretq\n");

void main(void) {
    u64 handler = (u64)timer_interrupt;
    idt[32] = (struct idt_gate){ (u16)handler, 0x08, 0, 0x8e, (u16)(handler >> 16), (u32)(handler >> 32), 0 };
    struct { u16 limit; u64 base; } __attribute__((packed)) idtr = { sizeof(idt) - 1, (u64)idt };
    __asm__ volatile("lidt %0" : : "m"(idtr));

    /* PIC: vectors 0x20/0x28, cascade on IRQ 2, 8086 mode, only IRQ 0 unmasked. */
    outb(0x20, 0x11); outb(0xa0, 0x11);
    outb(0x21, 0x20); outb(0xa1, 0x28);
    outb(0x21, 0x04); outb(0xa1, 0x02);
    outb(0x21, 0x01); outb(0xa1, 0x01);
    outb(0x21, 0xfe); outb(0xa1, 0xff);
    /* PIT channel 0, rate generator, 100 Hz. */
    outb(0x43, 0x34); outb(0x40, 11932 & 0xff); outb(0x40, 11932 >> 8);

    puts("counter ready\r\n");
    u64 next = 5;
    for (;;) {
        __asm__ volatile("sti; hlt; cli");
        if (ticks >= next) {
            next = ticks + 5;
            count++;
            puts("count "); putdec(count); puts("\r\n");
        }
    }
}
