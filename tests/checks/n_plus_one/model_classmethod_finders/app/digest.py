from app.models import Report, SavedSearch


def collect_reports(report_ids, owner_ids):
    out = []
    for report_id in report_ids:
        out.append(Report.by_id(report_id))  # expect: n_plus_one MEDIUM
    for owner_id in owner_ids:
        out.extend(Report.owned_by(owner_id))  # expect: n_plus_one MEDIUM
    return out


# Look-alike: the classmethod of a plain class reads no database.
def search_terms(owner_ids):
    return [SavedSearch.terms_for(owner_id) for owner_id in owner_ids]
