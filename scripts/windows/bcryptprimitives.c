/* A stand-in for Windows' bcryptprimitives.dll, which Wine 8 (Debian 12's) lacks: Rust's
 * standard library asks it for ProcessPrng (Windows 10+). This one answers from
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has. Used only to run the Windows
 * builds of the tests under Wine (scripts/windows-tests.sh); never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG part = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, part)) return FALSE;
        data += part;
        length -= part;
    }
    return TRUE;
}
