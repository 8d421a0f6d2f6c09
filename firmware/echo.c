/* Test guest: echoes what is typed on its console in upper case, woken by the UART's receive interrupt
   (IRQ 4), so the host's console socket is proven to reach the guest and back. */
#include "interrupts.h"

void main(void) {
    idt_set(36, serial_isr);
    idt_load();
    pic_init(0xef);          /* IRQ 4 only */
    outb(COM1 + 1, 0x01);    /* interrupt when data is ready */
    puts("echo ready\r\n");
    for (;;) {
        while (inb(COM1 + 5) & 1) {
            u8 c = inb(COM1);
            putc(c >= 'a' && c <= 'z' ? (char)(c - 32) : (char)c);
        }
        __asm__ volatile("sti; hlt; cli");
    }
}
