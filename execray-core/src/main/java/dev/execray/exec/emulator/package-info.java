/**
 * Programs run by an emulator registered in binfmt_misc (qemu-user): the guest checks the emulator makes.
 */
package dev.execray.exec.emulator;
