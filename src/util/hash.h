/* A keyed hash for the tables keyed by text from the audited tree (SPEC
 * §12: every file is hostile input).
 *
 * DESIGN
 * Open-addressing tables keyed by names read from the tree (identifiers,
 * SQL function names, class names) used an unseeded FNV-1a: a repository
 * can choose thousands of names that share one slot and turn every lookup
 * into a scan of them all. hash_text() is SipHash-1-3 under a key drawn
 * once per process from the system's random source, so the names that
 * collide cannot be chosen in advance. Nothing may depend on the hash's
 * value beyond finding an entry: no output order, no file, no sort key
 * (results must be the same on every run). Thread-safe: the key is set
 * once (pthread_once) and only read afterwards. */
#ifndef PPAUDIT_HASH_H
#define PPAUDIT_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The keyed hash of s[0..n). s may be NULL when n is 0. */
uint64_t hash_text(const char *s, size_t n);

/* The same over the ASCII-lowercased bytes: hash_text_ci(a) ==
 * hash_text_ci(b) whenever strncasecmp(a, b) matches them. */
uint64_t hash_text_ci(const char *s, size_t n);

#endif
