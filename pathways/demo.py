"""Demo pathways for `manage.py load_demo`, built through the same services people use, so
each has a real timeline. All clinical text is invented for demonstration: it is plausible in
shape, not guidance."""

from datetime import timedelta

from django.utils import timezone

from networks.models import CancerType, Network
from pathways import services
from pathways.models import Pathway

SECTIONS = [
    ("Referral and diagnosis", "referral"),
    ("Staging", "staging"),
    ("Multidisciplinary team (MDT) decisions", "mdt"),
    ("Surgery", "surgery"),
    ("Systemic anti-cancer therapy (SACT)", "sact"),
    ("Radiotherapy", "radiotherapy"),
    ("Follow-up", "followup"),
    ("Supportive care", "support"),
]

DETAILS = {
    "ovarian": {
        "referral": "Refer urgently with suspected cancer when CA125 is raised and ultrasound shows a complex adnexal mass. Calculate the Risk of Malignancy Index (RMI) before the first clinic.",
        "staging": "Stage with contrast-enhanced CT of chest, abdomen and pelvis and record the FIGO stage. Obtain histology by image-guided biopsy where primary surgery is not planned.",
        "mdt": "Discuss every patient at the regional gynae-oncology MDT before treatment, including germline BRCA testing status.",
        "surgery": "Aim for complete cytoreduction with no macroscopic residual disease, in a centre performing at least 20 such operations a year.",
        "sact": "Offer carboplatin-based chemotherapy after surgery for stage IC and above. Consider PARP inhibitor maintenance as advised by the Scottish Medicines Consortium.",
        "radiotherapy": "Radiotherapy has a limited role: consider it for symptom control of localised recurrence.",
        "followup": "Review every three months for two years, then six-monthly to five years. Do not measure CA125 routinely without symptoms unless the patient prefers it.",
    },
    "cervical": {
        "referral": "Refer urgently when a clinically suspicious cervix is seen, or after colposcopy suggests invasive disease.",
        "staging": "Stage with pelvic MRI and PET-CT for locally advanced disease. Record the FIGO 2018 stage.",
        "mdt": "Discuss every patient at the gynae-oncology MDT; include fertility preservation where appropriate.",
        "surgery": "Offer radical hysterectomy or, for selected early tumours, radical trachelectomy.",
        "sact": "Give concurrent weekly cisplatin with radiotherapy unless renal function does not allow it.",
        "radiotherapy": "Deliver chemoradiotherapy followed by image-guided brachytherapy, completing treatment within 56 days.",
        "followup": "Review every four months for two years, then six-monthly to five years.",
    },
    "oesophago-gastric": {
        "referral": "Refer urgently for endoscopy people with dysphagia, or aged 55 and over with weight loss and upper abdominal pain.",
        "staging": "Stage with CT, then PET-CT and endoscopic ultrasound for those considered for radical treatment. Offer staging laparoscopy for gastric tumours.",
        "mdt": "Discuss all patients at the regional upper GI MDT, with a dietitian present.",
        "surgery": "Perform oesophagectomy and gastrectomy only in designated regional centres.",
        "sact": "Offer perioperative chemotherapy for operable adenocarcinoma.",
        "radiotherapy": "Offer definitive chemoradiotherapy for squamous cell carcinoma when surgery is not chosen.",
        "followup": "Focus follow-up on nutrition and symptoms; do not scan routinely.",
    },
    "lung": {
        "referral": "Request an urgent chest X-ray for anyone over 40 with unexplained haemoptysis or persistent symptoms. Refer urgently if it suggests cancer.",
        "staging": "Stage with CT of chest and upper abdomen, PET-CT for radical candidates and EBUS-guided sampling of mediastinal nodes.",
        "mdt": "Discuss every patient at the lung MDT within the 31-day standard; record performance status.",
        "surgery": "Offer lobectomy, by minimally invasive surgery where possible, to fit patients with stage I to II disease.",
        "sact": "Test for actionable mutations and PD-L1 expression before first-line systemic treatment.",
        "radiotherapy": "Offer stereotactic ablative radiotherapy to people with early-stage disease who do not have surgery.",
        "followup": "Review with CT at six and twelve months after radical treatment, then yearly to five years.",
    },
    "prostate": {
        "referral": "Refer urgently when the PSA is above the age-specific range or the prostate feels malignant on rectal examination.",
        "staging": "Perform multiparametric MRI before biopsy. Stage high-risk disease with PSMA PET-CT where available.",
        "mdt": "Discuss all new diagnoses at the urology MDT, with the CPG risk group recorded.",
        "surgery": "Offer radical prostatectomy, usually robot-assisted, for localised intermediate and high-risk disease.",
        "sact": "Offer androgen deprivation therapy with an androgen receptor inhibitor for metastatic hormone-sensitive disease.",
        "radiotherapy": "Offer external beam radiotherapy with six months of hormone therapy for intermediate-risk disease.",
        "followup": "Check PSA six-monthly for two years, then yearly; supported self-management after that.",
    },
    "lymphoma": {
        "referral": "Refer urgently for unexplained lymphadenopathy persisting for more than six weeks.",
        "staging": "Obtain an excision biopsy; stage with PET-CT using the Lugano classification.",
        "mdt": "Discuss all patients at the haematology MDT, reviewed by a specialist haematopathologist.",
        "surgery": "Surgery is for diagnosis only.",
        "sact": "Offer R-CHOP for diffuse large B-cell lymphoma; treat according to the regional protocol.",
        "radiotherapy": "Consider consolidation radiotherapy to bulky sites.",
        "followup": "Review every three months for the first year after treatment.",
    },
    "head-and-neck": {
        "referral": "Refer urgently for a persistent neck lump, unexplained hoarseness for three weeks, or a non-healing oral ulcer.",
        "staging": "Stage with MRI of the primary site and CT of neck and chest; ultrasound-guided FNA of neck nodes.",
        "mdt": "Discuss every patient at the head and neck MDT with dental, speech and language therapy and dietetic input.",
        "surgery": "Offer transoral surgery for selected early tumours; free-flap reconstruction in specialist centres.",
        "sact": "Give concurrent cisplatin with radiotherapy for locally advanced disease when fit.",
        "radiotherapy": "Deliver intensity-modulated radiotherapy; start within six weeks of surgery when given after it.",
        "followup": "Review every one to two months in the first year, with yearly thyroid function tests after neck radiotherapy.",
    },
    "breast": {
        "referral": "Refer urgently with a discrete lump in the breast in people aged 30 and over.",
        "staging": "Perform triple assessment. Stage with CT for locally advanced disease.",
        "mdt": "Discuss all patients at the breast MDT before and after surgery.",
        "surgery": "Offer breast-conserving surgery where possible, with sentinel lymph node biopsy.",
        "sact": "Offer adjuvant chemotherapy according to predicted benefit; HER2-targeted therapy for HER2-positive disease.",
        "radiotherapy": "Offer whole-breast radiotherapy after breast-conserving surgery, 26 Gy in five fractions.",
        "followup": "Offer yearly mammography for five years after treatment.",
    },
    "melanoma": {
        "referral": "Refer urgently any pigmented lesion scoring three or more on the weighted 7-point checklist.",
        "staging": "Excise with a 2 mm margin; stage with the AJCC 8th edition. Offer sentinel lymph node biopsy for stage IB and above.",
        "mdt": "Discuss stage IIB and above at the specialist skin cancer MDT.",
        "surgery": "Perform wide local excision with margins set by Breslow thickness.",
        "sact": "Offer adjuvant immunotherapy for resected stage III disease; test BRAF status.",
        "radiotherapy": "Consider radiotherapy for symptom control of metastases.",
        "followup": "Review three-monthly for three years for stage IIB to IIC.",
    },
}

SUPPORT = (
    "Give every patient a named key worker and a holistic needs assessment at diagnosis. "
    "Signpost to Maggie's centres and Macmillan services, and to prehabilitation."
)


def _body(cancer, extra=""):
    details = DETAILS[cancer]
    parts = []
    for heading, key in SECTIONS:
        text = SUPPORT if key == "support" else details[key]
        parts.append(f"## {heading}\n\n{text}")
        if key == "staging" and extra:
            parts.append(extra)
    return "\n\n".join(parts) + "\n"


TABLE = (
    "### Timing standards\n\n"
    "| Step | Standard |\n|---|---|\n"
    "| Referral to first treatment | 62 days |\n| Decision to treat to first treatment | 31 days |"
)


def _write(actor, version, title, summary, body):
    return services.save_draft(
        actor=actor,
        version=version,
        title=title,
        summary=summary,
        body=body,
        edit_count=version.edit_count,
    )


def _publish_through_review(
    people, version, *, change_type="major", note="", reviewers=None, effective_on=None
):
    services.submit(
        actor=people["author"], version=version, change_type=change_type, change_note=note
    )
    for reviewer in reviewers or people["reviewers"]:
        version = services.approve(actor=reviewer, version=version)
        if version.status == "approved":
            break
    return services.publish(actor=people["lead"], version=version, effective_on=effective_on)


def _create(people, network, cancer_slug, title, summary, body):
    version = services.create_pathway(
        actor=people["author"],
        network=network,
        title=title,
        cancer_type=CancerType.objects.get(slug=cancer_slug),
    )
    return _write(people["author"], version, title, summary, body)


def _pathways(people_by_network):
    woscan, scan, nca = (people_by_network[key] for key in ("woscan", "scan", "nca"))
    in_three_weeks = timezone.localdate() + timedelta(days=21)

    def stage(slug, cancer, title, people, network_slug, steps):
        if Pathway.objects.filter(slug=slug).exists():
            return
        network = Network.objects.get(slug=network_slug)
        summary = (
            f"How {network.short_name} boards manage adults with {title.lower()}, "
            "from referral to follow-up."
        )
        steps(_create(people, network, cancer, title, summary, _body(cancer)))

    def ovarian(version):
        v1 = _publish_through_review(woscan, version)
        pathway = v1.pathway
        _publish_through_review(
            woscan,
            _write_new(woscan, pathway, _body("ovarian", TABLE)),
            change_type="minor",
            note="Added the timing standards table.",
        )
        _publish_through_review(
            woscan,
            _write_new(
                woscan,
                pathway,
                _body("ovarian", TABLE).replace(
                    "Consider PARP inhibitor maintenance",
                    "Offer PARP inhibitor maintenance to "
                    "patients with a BRCA mutation or homologous recombination deficiency, and consider it",
                ),
            ),
            note="PARP inhibitor maintenance now offered to patients with BRCA mutation or HRD.",
        )

    def cervical(version):
        v1 = _publish_through_review(woscan, version)
        new = _write_new(
            woscan,
            v1.pathway,
            _body("cervical").replace(
                "completing treatment within 56 days", "completing treatment within 50 days"
            ),
        )
        services.submit(
            actor=woscan["author"],
            version=new,
            change_type="major",
            change_note="Overall treatment time for chemoradiotherapy reduced to 50 days.",
        )
        services.approve(actor=woscan["reviewers"][0], version=new)  # one of the two needed

    def oesophago_gastric(version):
        v1 = _publish_through_review(woscan, version)
        v11 = _publish_through_review(
            woscan,
            _write_new(woscan, v1.pathway, _body("oesophago-gastric", TABLE)),
            change_type="minor",
            note="Added the timing standards table.",
        )
        new = _write_new(
            woscan,
            v11.pathway,
            _body("oesophago-gastric", TABLE).replace(
                "do not scan routinely", "offer CT at 12 months"
            ),
        )
        services.submit(
            actor=woscan["author"],
            version=new,
            change_type="major",
            change_note="Routine CT at 12 months added to follow-up.",
        )
        services.request_changes(
            actor=woscan["reviewers"][0],
            version=new,
            comment="Please cite the evidence for routine CT at 12 months, "
            "or keep follow-up symptom-led.",
        )

    def lung(version):
        v1 = _publish_through_review(woscan, version)
        _write_new(woscan, v1.pathway, _body("lung", TABLE))  # a draft in progress

    def prostate(version):
        v1 = _publish_through_review(woscan, version)
        _publish_through_review(
            woscan,
            _write_new(
                woscan,
                v1.pathway,
                _body("prostate").replace("where available", "for all high-risk patients"),
            ),
            note="PSMA PET-CT now used for all high-risk patients.",
            effective_on=in_three_weeks,
        )

    def lymphoma(version):
        v1 = _publish_through_review(woscan, version)
        services.withdraw(
            actor=woscan["lead"],
            pathway=v1.pathway,
            reason="Replaced by the national lymphoma pathway of the haematology "
            "network; use that pathway instead.",
        )

    def published(version):
        _publish_through_review(people_for[version.pathway.network.slug], version)

    def melanoma(version):
        v1 = _publish_through_review(scan, version)
        _publish_through_review(
            scan,
            _write_new(scan, v1.pathway, _body("melanoma", TABLE)),
            change_type="minor",
            note="Added the timing standards table.",
        )

    people_for = {"scan": scan, "nca": nca}
    stage("ovarian-cancer", "ovarian", "Ovarian cancer", woscan, "woscan", ovarian)
    stage("cervical-cancer", "cervical", "Cervical cancer", woscan, "woscan", cervical)
    stage(
        "oesophago-gastric-cancer",
        "oesophago-gastric",
        "Oesophago-gastric cancer",
        woscan,
        "woscan",
        oesophago_gastric,
    )
    stage("lung-cancer", "lung", "Lung cancer", woscan, "woscan", lung)
    stage("prostate-cancer", "prostate", "Prostate cancer", woscan, "woscan", prostate)
    stage("lymphoma", "lymphoma", "Lymphoma", woscan, "woscan", lymphoma)
    stage("head-and-neck-cancer", "head-and-neck", "Head and neck cancer", scan, "scan", published)
    stage("melanoma", "melanoma", "Melanoma", scan, "scan", melanoma)
    stage("breast-cancer", "breast", "Breast cancer", nca, "nca", published)


def _write_new(people, pathway, body):
    version = services.start_new_version(actor=people["author"], pathway=pathway)
    return _write(people["author"], version, version.title, version.summary, body)


def load(people):
    """Create the demo pathways that do not exist yet. `people` maps usernames to users."""
    by_network = {
        "woscan": {
            "author": people["author"],
            "lead": people["lead"],
            "reviewers": [people["reviewer1"], people["reviewer2"]],
        },
        "scan": {
            "author": people["scan-author"],
            "lead": people["programme"],
            "reviewers": [people["scan-reviewer"]],
        },
        "nca": {
            "author": people["nca-author"],
            "lead": people["programme"],
            "reviewers": [people["nca-reviewer"]],
        },
    }
    _pathways(by_network)
