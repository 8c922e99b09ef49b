/* Force-included (gcc -include) into every C file of the Python and SQLite that the Linux bundle carries.
 *
 * They are built in a Debian 11 root (glibc 2.31) but must run on UOS V20 (glibc 2.28). glibc 2.29 gave
 * exp, exp2, log, log2 and pow new symbol versions (faster, same results within 1 ulp); binding each call to
 * the version every glibc since 2.2.5 has keeps the binaries loadable on 2.28. The build fails (objdump) when
 * any binary of the bundle still asks for a newer glibc symbol: see packaging/linux/check_glibc.py.
 */
#if defined(__x86_64__)
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
#elif defined(__aarch64__)
__asm__(".symver exp,exp@GLIBC_2.17");
__asm__(".symver exp2,exp2@GLIBC_2.17");
__asm__(".symver log,log@GLIBC_2.17");
__asm__(".symver log2,log2@GLIBC_2.17");
__asm__(".symver pow,pow@GLIBC_2.17");
#endif
