"""The text the benchmark's pathways are made of: short clinical sentences for each cancer and
section, fixed here so that search figures stay comparable from run to run (the demo's text,
pathways.demo_text, is free to change). Invented, not guidance."""

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
    "diffuse-large-b-cell-lymphoma": {
        "referral": "Refer urgently for unexplained lymphadenopathy persisting for more than six weeks, or a rapidly enlarging mass.",
        "staging": "Obtain an excision or core biopsy; stage with PET-CT using the Lugano classification and record the International Prognostic Index.",
        "mdt": "Discuss all patients at the lymphoma MDT, with the diagnosis reviewed by a specialist haematopathologist.",
        "surgery": "Surgery is for diagnosis only.",
        "sact": "Offer six cycles of R-CHOP-based chemoimmunotherapy; assess the risk of central nervous system relapse before treatment starts.",
        "radiotherapy": "Consider consolidation radiotherapy to sites of bulky or residual PET-avid disease.",
        "followup": "Review every three months for the first year after treatment, then six-monthly to two years; do not scan routinely.",
    },
}

SUPPORT = (
    "Give every patient a named key worker and a holistic needs assessment at diagnosis. "
    "Signpost to Maggie's centres and Macmillan services, and to prehabilitation."
)
