/* Work budgets; see budget.h. */
#include "util/budget.h"


_Thread_local struct budget *budget_active;

int budget_step_slow(struct budget *b)
{
	if (b->stop != BUDGET_RUNNING)
		return 0;
	if (b->left == 0) {
		b->stop = BUDGET_STEPS;
		return 0;
	}
	b->left--;
	if (b->cancel != NULL && atomic_load_explicit(b->cancel, memory_order_relaxed)) {
		b->stop = BUDGET_CANCELLED;
		return 0;
	}
	return 1;
}

int budget_charge(uint64_t n)
{
	struct budget *b = budget_active;

	if (b == NULL)
		return 1;
	if (b->stop != BUDGET_RUNNING)
		return 0;
	if (b->left < n) {
		b->left = 0;
		b->stop = BUDGET_STEPS;
		return 0;
	}
	b->left -= n;
	return budget_step_slow(b);
}

const char *budget_stop_reason(enum budget_stop s)
{
	switch (s) {
	case BUDGET_STEPS: return "work budget exhausted";
	case BUDGET_DEPTH: return "recursion depth limit reached";
	case BUDGET_CANCELLED: return "cancelled";
	case BUDGET_RUNNING: break;
	}
	return "analysed";
}

uint64_t budget_nlogn(uint64_t n)
{
	uint64_t lg = 1;

	while (lg < 64 && (n >> lg) != 0)
		lg++;
	return n * lg;
}
