/* Entry of every hvsh guest image: the VMM starts the boot vCPU here in 64-bit mode with a stack and
   RDI pointing at the info block; main's return idles the CPU. */
    .section .text.start, "ax"
    .globl _start
_start:
    call main
1:  cli
    hlt
    jmp 1b
    .section .note.GNU-stack, "", @progbits
