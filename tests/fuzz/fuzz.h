/* The one entry point every fuzz target defines, and the replay driver that lets the same file
 * build without libFuzzer.
 *
 * Built with clang -fsanitize=fuzzer (`make fuzz`, NS_FUZZ_LIBFUZZER defined), libFuzzer owns
 * main() and calls LLVMFuzzerTestOneInput with mutated inputs. Built with gcc (`make tests`, under
 * ASan+UBSan in the sanitizer build), the main() below feeds it each file named on the command
 * line, once, so that tests/fuzz/check-regress.sh replays every committed reproducer and a bug
 * that was fixed stays fixed. A target reports a broken property by abort(): both drivers turn
 * that into a failure with the input that caused it. */
#ifndef NETSIFT_TESTS_FUZZ_FUZZ_H
#define NETSIFT_TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property the target checks failed: say which, then abort so the input is kept. */
#define FUZZ_CHECK(cond, ...)                                                  \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "fuzz: property failed: %s: ", #cond); \
			fprintf(stderr, __VA_ARGS__);                          \
			fputc('\n', stderr);                                   \
			abort();                                               \
		}                                                              \
	} while (0)

#ifndef NS_FUZZ_LIBFUZZER
int main(int argc, char **argv);
int main(int argc, char **argv)
{
	int n = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 2;
		}
		size_t cap = 4096, len = 0;
		uint8_t *buf = malloc(cap);
		size_t got;
		while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
			len += got;
			if (len == cap) {
				uint8_t *nb = realloc(buf, cap *= 2);
				if (!nb)
					free(buf);
				buf = nb;
			}
		}
		fclose(f);
		if (!buf) {
			fprintf(stderr, "%s: out of memory\n", argv[i]);
			return 2;
		}
		/* An exact-size copy, so that ASan sees a read one past the input. */
		uint8_t *exact = malloc(len ? len : 1);
		if (!exact)
			return 2;
		for (size_t j = 0; j < len; j++)
			exact[j] = buf[j];
		free(buf);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
		n++;
	}
	fprintf(stderr, "replayed %d input%s\n", n, n == 1 ? "" : "s");
	return 0;
}
#endif

#endif
