/*
 * A stand-in for Windows' bcryptprimitives.dll, for running OpenIPU's
 * Windows programs under Debian's Wine 8 in tests only; it is never shipped.
 *
 * Since Go 1.24 the Windows runtime takes its random numbers from
 * ProcessPrng in bcryptprimitives.dll (Windows 10 and later have it). Wine
 * 8.0 has no such DLL, so every Go program stops at start with "fatal error:
 * bcryptprimitives.dll not found". This one exports ProcessPrng and fills
 * the buffer through RtlGenRandom, which advapi32.dll exports as
 * SystemFunction036 and Wine does implement. RtlGenRandom takes a ULONG
 * length, hence the loop for larger requests.
 *
 * Built by .ci/wine/prefix with MinGW:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
