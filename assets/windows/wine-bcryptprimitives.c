/*
 * A stand-in bcryptprimitives.dll for running Chronoscope's Windows test
 * binaries under Wine 8 (Debian 12), which lacks the DLL. Go's Windows
 * runtime (1.22 and later) takes its random bytes from
 * bcryptprimitives!ProcessPrng and stops at start-up without it. This
 * DLL exports ProcessPrng and fills the buffer from RtlGenRandom
 * (advapi32!SystemFunction036), which Wine has. Used only by
 * `make windows-test`; never shipped. Newer Wine (9.x) has the DLL.
 */
#include <windows.h>

typedef BOOLEAN (WINAPI *rtlgenrandom_fn)(PVOID, ULONG);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	static rtlgenrandom_fn gen;
	if (!gen) {
		HMODULE advapi = LoadLibraryA("advapi32.dll");
		if (!advapi)
			return FALSE;
		gen = (rtlgenrandom_fn)GetProcAddress(advapi, "SystemFunction036");
		if (!gen)
			return FALSE;
	}
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!gen(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
