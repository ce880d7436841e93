"""Clinical text for the demo pathways (`pathways.demo`): invented demonstration text,
plausible in shape, not clinical guidance. Nothing here is taken from a real guideline, and no
one should treat a patient by it.

The identifiers of the references (SMC, NCMAG and SIGN numbers, trial registrations) are
deliberately outside the ranges the real bodies have used so far, so none names real advice.

`DETAILS` holds, for each cancer, the Markdown of each section of its pathway but the last;
`SUPPORT` is the supportive care section every pathway shares. `REGIMENS` lists the systemic
anti-cancer therapy regimens each pathway names, and `REFERENCES` the advice, guidelines and
evidence each draws on; a regimen's `advice` is the identifier of one of its cancer's
references, or "" for a long-established regimen.

Later versions of the demo are made by replacing phrases in this text (`pathways.demo`), so
each phrase replaced appears once in its pathway, in the section it belongs to.
"""

import datetime
import re
import textwrap

_STARTS_A_LINE = re.compile(r"^(?:- |### )")


def _md(source):
    """Markdown from an indented, hard-wrapped literal: blank lines separate blocks, and the
    wrapped lines of a paragraph or a list item are joined into one line."""
    blocks = []
    for block in textwrap.dedent(source).strip().split("\n\n"):
        lines = []
        for line in block.splitlines():
            line = line.strip()
            if lines and not _STARTS_A_LINE.match(line):
                lines[-1] += " " + line
            else:
                lines.append(line)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


DETAILS = {
    "ovarian": {
        "referral": _md(
            """
            Refer urgently with suspected cancer when CA125 is raised and ultrasound shows a
            complex adnexal mass. Calculate the Risk of Malignancy Index (RMI) before the first
            clinic and record it on the referral, with the menopausal status used.

            Refer urgently, too, anyone whose ultrasound or CT shows ascites or peritoneal
            nodularity without another explanation, whatever the CA125. Offer the first
            gynaecology appointment within 14 days of referral.

            - RMI of 200 or more: discuss at the regional gynae-oncology MDT before any
              operation, and do not operate in the local unit.
            - RMI under 200 with a persisting complex mass: review in the local gynaecology
              clinic and repeat the ultrasound within six weeks.
            - Under 40 with a complex mass: measure alpha-fetoprotein, hCG and LDH as well, to
              look for a germ cell tumour.
            """
        ),
        "staging": _md(
            """
            Stage with contrast-enhanced CT of chest, abdomen and pelvis and record the FIGO
            stage. Report peritoneal disease by site, including the small bowel mesentery, the
            porta hepatis and the diaphragm, so that the MDT can judge whether complete
            cytoreduction is achievable.

            Obtain histology by image-guided biopsy where primary surgery is not planned.
            Cytology of ascitic fluid alone is not enough to start chemotherapy unless a biopsy
            would be unsafe; the MDT then records why.

            Request germline BRCA testing at diagnosis for everyone with high-grade
            non-mucinous epithelial cancer, and tumour BRCA testing on the diagnostic sample, so
            that results are ready before first-line chemotherapy ends.
            """
        ),
        "mdt": _md(
            """
            Discuss every patient at the regional gynae-oncology MDT before treatment, including
            germline BRCA testing status. Record the FIGO stage, histological subtype and grade,
            performance status and the treatment intended: primary surgery, or neoadjuvant
            chemotherapy followed by interval surgery.

            Bring patients back to the MDT after three cycles of neoadjuvant chemotherapy, with
            repeat CT, to decide on interval cytoreduction.

            Tell the patient the MDT's recommendation within a week of the meeting, and record
            in the clinical record who did so.
            """
        ),
        "surgery": _md(
            """
            Aim for complete cytoreduction with no macroscopic residual disease, in a centre
            performing at least 20 such operations a year. Operate within four weeks of the MDT
            decision for primary surgery, and within six weeks of the last cycle of
            chemotherapy for interval surgery.

            For apparently early disease, offer total hysterectomy, bilateral
            salpingo-oophorectomy, infracolic omentectomy, peritoneal washings and biopsies,
            with retroperitoneal lymph node assessment where imaging suggests nodal disease.
            Discuss fertility-sparing surgery with those who wish to preserve fertility and have
            stage IA low-grade disease.

            Record the residual disease at the end of the operation in a structured operation
            note: none, under 1 cm, or 1 cm and over.
            """
        ),
        "sact": _md(
            """
            Offer carboplatin-based chemotherapy after surgery for stage IC and above, usually
            with paclitaxel, three-weekly for six cycles. For neoadjuvant treatment, give three
            cycles before interval surgery and three after it.

            Consider PARP inhibitor maintenance as advised by the Scottish Medicines Consortium.

            Start maintenance within eight weeks of the last cycle of chemotherapy, once CT
            confirms a complete or partial response. Check the full blood count monthly for the
            first year of maintenance.

            At relapse, let the time since the last platinum guide the choice: re-treat with a
            platinum doublet when it is six months or more, and consider weekly paclitaxel or
            another non-platinum agent when it is shorter.
            """
        ),
        "radiotherapy": _md(
            """
            Radiotherapy has a limited role: consider it for symptom control of localised
            recurrence, such as bleeding from a vaginal vault or pelvic mass, or pain from a
            nodal mass.

            Short palliative schedules of one to five fractions are usually enough. Discuss the
            patient with a clinical oncologist from the regional cancer centre, and deliver the
            treatment at the centre nearest the patient's home.
            """
        ),
        "followup": _md(
            """
            Review every three months for two years, then six-monthly to five years. Do not
            measure CA125 routinely without symptoms unless the patient prefers it.

            At each review ask about abdominal swelling, change in bowel habit, early satiety
            and vaginal bleeding, and examine the abdomen and pelvis. Arrange CT only for
            symptoms or signs that suggest recurrence.

            Patients taking PARP inhibitor maintenance are reviewed by the oncology team
            instead, monthly at first, until maintenance stops.
            """
        ),
    },
    "cervical": {
        "referral": _md(
            """
            Refer urgently when a clinically suspicious cervix is seen, or after colposcopy
            suggests invasive disease. Do not wait for a cervical screening result when the
            cervix looks abnormal: a normal cytology result does not exclude cancer.

            Consider urgent gynaecological assessment for persistent postcoital or
            intermenstrual bleeding, or unexplained vaginal discharge, in anyone with a cervix.

            At colposcopy, take a biopsy large enough to assess depth of invasion from any
            lesion suspicious of cancer, and report it within ten working days.
            """
        ),
        "staging": _md(
            """
            Stage with pelvic MRI and PET-CT for locally advanced disease. Record the FIGO 2018
            stage, using imaging and pathology findings as well as examination.

            - Pelvic MRI for all invasive disease beyond stage IA.
            - PET-CT for stage IB3 and above, or when MRI suggests nodal disease.
            - Examination under anaesthesia only when imaging leaves the stage uncertain.

            Check renal function and look for hydronephrosis before the MDT: both affect the
            choice of chemotherapy and may need a nephrostomy first.
            """
        ),
        "mdt": _md(
            """
            Discuss every patient at the gynae-oncology MDT; include fertility preservation where
            appropriate.

            Choose one primary treatment, radical surgery or chemoradiotherapy, and avoid
            planning surgery that is likely to need chemoradiotherapy after it: the combination
            adds late effects without improving survival.

            Record performance status, renal function and the patient's wishes about fertility.
            Offer referral for psychosexual support before treatment starts.
            """
        ),
        "surgery": _md(
            """
            Offer radical hysterectomy or, for selected early tumours, radical trachelectomy.
            Operate in the regional gynae-oncology centre, with pelvic lymph node assessment by
            sentinel node biopsy or lymphadenectomy.

            Discuss the open and minimally invasive routes with each patient, including what
            is known about the risk of recurrence with each.

            ### Fertility-sparing treatment

            For stage IA1 disease without lymphovascular space invasion, a cone biopsy with clear
            margins is enough. For tumours up to 2 cm that are suitable, offer radical
            trachelectomy in the national centre that provides it, after a full discussion of
            the later obstetric risks.
            """
        ),
        "sact": _md(
            """
            Give concurrent weekly cisplatin with radiotherapy unless renal function does not
            allow it. When cisplatin is contraindicated, the MDT decides between radiotherapy
            alone and a clinical trial.

            For persistent, recurrent or metastatic disease not suitable for local treatment,
            offer platinum-based chemotherapy with paclitaxel, adding immunotherapy for
            PD-L1-positive disease as advised by the Scottish Medicines Consortium.
            """
        ),
        "radiotherapy": _md(
            """
            Deliver chemoradiotherapy followed by image-guided brachytherapy, completing
            treatment within 56 days.

            Give external beam radiotherapy to the pelvis, and to the para-aortic nodes when
            they are involved, by intensity-modulated radiotherapy. Plan MRI-guided
            brachytherapy before external beam treatment starts, so that the insertions are
            booked in time.

            If treatment is interrupted, compensate for the gap under the regional radiotherapy
            gap policy and record the overall treatment time achieved.
            """
        ),
        "followup": _md(
            """
            Review every four months for two years, then six-monthly to five years.

            At each review ask about bleeding, pain, bowel and bladder symptoms, and examine the
            pelvis. Do not take routine cytology after chemoradiotherapy: it is hard to read
            after radiotherapy and rarely changes management.

            Offer vaginal dilators and instructions after brachytherapy, and discuss hormone
            replacement with anyone made menopausal by treatment.
            """
        ),
    },
    "oesophago-gastric": {
        "referral": _md(
            """
            Refer urgently for endoscopy people with dysphagia, or aged 55 and over with weight
            loss and upper abdominal pain, reflux or dyspepsia.

            Offer direct-access endoscopy within 14 days of referral. At endoscopy, take at
            least six biopsies from any suspicious lesion, and record its position from the
            incisors and its relation to the gastro-oesophageal junction.
            """
        ),
        "staging": _md(
            """
            Stage with CT, then PET-CT and endoscopic ultrasound for those considered for
            radical treatment. Offer staging laparoscopy for gastric tumours.

            Record the TNM stage (8th edition). For advanced adenocarcinoma, ask the laboratory
            for HER2 status, PD-L1 combined positive score and mismatch repair status on the
            diagnostic biopsies, so that first-line treatment is not delayed.

            Assess nutrition at staging: weight, weight lost and oral intake, with a dietitian
            review for anyone who has lost more than a tenth of their usual weight.
            """
        ),
        "mdt": _md(
            """
            Discuss all patients at the regional upper GI MDT, with a dietitian present.

            Record performance status and the treatment intent, curative or palliative. For
            curative treatment, name the surgical centre and the date of the first oncology
            appointment; for palliative treatment, say how dysphagia will be relieved.
            """
        ),
        "surgery": _md(
            """
            Perform oesophagectomy and gastrectomy only in designated regional centres.

            Offer endoscopic resection for early (T1a) cancers in centres experienced in it,
            and discuss the resection specimen at the MDT before deciding on further
            treatment.

            ### Enhanced recovery

            Manage every resection on the centre's enhanced recovery protocol. Place a feeding
            jejunostomy at oesophagectomy unless the surgeon records a reason not to.
            """
        ),
        "sact": _md(
            """
            Offer perioperative chemotherapy for operable adenocarcinoma.

            For oesophageal cancer, neoadjuvant chemoradiotherapy is an alternative; after it,
            offer adjuvant immunotherapy for residual disease in the resection specimen, as
            advised by the Scottish Medicines Consortium.

            For advanced disease, offer a platinum and fluoropyrimidine doublet to those fit for
            it, with trastuzumab for HER2-positive adenocarcinoma, and with immunotherapy where
            the PD-L1 score meets the Scottish Medicines Consortium advice.
            """
        ),
        "radiotherapy": _md(
            """
            Offer definitive chemoradiotherapy for squamous cell carcinoma when surgery is not
            chosen.

            For bleeding or dysphagia from advanced disease, consider palliative radiotherapy;
            for dysphagia that needs quick relief, a self-expanding metal stent is usually
            better.
            """
        ),
        "followup": _md(
            """
            Focus follow-up on nutrition and symptoms; do not scan routinely.

            Weigh the patient at each review. After gastrectomy, give vitamin B12 for life and
            check iron and vitamin D yearly; treat dumping and consider pancreatic enzyme
            replacement for steatorrhoea.

            Offer open access to the upper GI nurse specialist for new dysphagia, vomiting or
            weight loss.
            """
        ),
    },
    "lung": {
        "referral": _md(
            """
            Request an urgent chest X-ray for anyone over 40 with unexplained haemoptysis or
            persistent symptoms. Refer urgently if it suggests cancer.

            Symptoms are persistent when they have lasted three weeks or more; in a current or
            former smoker, request the X-ray sooner. They include:

            - cough, or a change in a long-standing cough
            - breathlessness, chest or shoulder pain
            - weight loss, loss of appetite or fatigue
            - finger clubbing or a hoarse voice

            Refer urgently too if the chest X-ray is normal but haemoptysis persists.
            """
        ),
        "staging": _md(
            """
            Stage with CT of chest and upper abdomen, PET-CT for radical candidates and
            EBUS-guided sampling of mediastinal nodes.

            Offer MRI of the brain to those being considered for radical treatment of stage III
            disease, and to anyone with neurological symptoms. Record the TNM stage (8th
            edition).

            For radical candidates, measure lung function, including transfer factor, before
            the MDT.
            """
        ),
        "mdt": _md(
            """
            Discuss every patient at the lung MDT within the 31-day standard; record performance
            status.

            The MDT records the histological subtype and, for non-small cell lung cancer, the
            molecular and PD-L1 results, or the date they are expected. A thoracic surgeon and a
            clinical oncologist take part in every discussion of radical treatment.

            Offer smoking cessation support to everyone who smokes, whatever the treatment.
            """
        ),
        "surgery": _md(
            """
            Offer lobectomy, by minimally invasive surgery where possible, to fit patients with
            stage I to II disease.

            Consider sublobar resection for small peripheral tumours. Sample the hilar and
            mediastinal lymph nodes at every resection.

            Assess fitness with predicted postoperative lung function, and by exercise testing
            when it is borderline.
            """
        ),
        "sact": _md(
            """
            Test for actionable mutations and PD-L1 expression before first-line systemic
            treatment.

            ### Advanced non-small cell lung cancer

            - EGFR, ALK or ROS1 alteration: offer the targeted therapy advised by the Scottish
              Medicines Consortium as first-line treatment.
            - No actionable alteration: offer platinum-based doublet chemotherapy to those fit
              for it, with pemetrexed for non-squamous disease.
            - Performance status 3 or worse: discuss best supportive care with the patient.

            For small cell lung cancer, offer platinum and etoposide, starting within a week
            of diagnosis.
            """
        ),
        "radiotherapy": _md(
            """
            Offer stereotactic ablative radiotherapy to people with early-stage disease who do
            not have surgery.

            Offer concurrent chemoradiotherapy to fit patients with stage III disease that
            cannot be resected, and sequential treatment to those less fit.

            Consider palliative thoracic radiotherapy for haemoptysis, cough or chest pain.
            """
        ),
        "followup": _md(
            """
            Review with CT at six and twelve months after radical treatment, then yearly to five
            years.

            At each review ask about new cough, breathlessness, pain and weight loss, and about
            smoking. After radiotherapy, ask about breathlessness and cough in the first six
            months, which may come from pneumonitis.
            """
        ),
    },
    "prostate": {
        "referral": _md(
            """
            Refer urgently when the PSA is above the age-specific range or the prostate feels
            malignant on rectal examination.

            Exclude urinary infection before measuring PSA, and repeat a borderline result
            within six weeks rather than referring on a single value.
            """
        ),
        "staging": _md(
            """
            Perform multiparametric MRI before biopsy. Stage high-risk disease with PSMA PET-CT
            where available.

            Offer transperineal biopsy under local anaesthetic when MRI shows a suspicious
            lesion, or when the MRI is normal but the PSA density is high.

            Stage unfavourable intermediate-risk disease with CT of abdomen and pelvis and an
            isotope bone scan.
            """
        ),
        "mdt": _md(
            """
            Discuss all new diagnoses at the urology MDT, with the CPG risk group recorded.

            Offer active surveillance to patients with CPG 1 disease. For CPG 3 and above, offer
            a joint clinic with a urologist and a clinical oncologist, so that surgery and
            radiotherapy are both explained before the patient chooses.
            """
        ),
        "surgery": _md(
            """
            Offer radical prostatectomy, usually robot-assisted, for localised intermediate and
            high-risk disease.

            Add extended pelvic lymph node dissection for high-risk disease. Refer for pelvic
            floor exercises before the operation, and offer erectile rehabilitation after it.

            Measure PSA six to eight weeks after the operation: a detectable PSA goes back to
            the MDT.
            """
        ),
        "sact": _md(
            """
            Offer androgen deprivation therapy with an androgen receptor inhibitor for
            metastatic hormone-sensitive disease.

            Consider docetaxel as well for fit patients with high-volume disease. Assess bone
            health at the start of androgen deprivation and offer calcium, vitamin D and
            exercise advice.

            For castration-resistant disease, do not give a second androgen receptor pathway
            inhibitor after the first has failed; discuss chemotherapy or a clinical trial.
            """
        ),
        "radiotherapy": _md(
            """
            Offer external beam radiotherapy with six months of hormone therapy for
            intermediate-risk disease.

            For high-risk disease, give two to three years of hormone therapy, and consider
            treating the pelvic lymph nodes. Use moderately hypofractionated schedules as
            standard.

            Offer salvage radiotherapy early when the PSA rises after prostatectomy.
            """
        ),
        "followup": _md(
            """
            Check PSA six-monthly for two years, then yearly; supported self-management after
            that.

            Patients on supported self-management have their PSA tracked remotely and a named
            contact to call. A rise above the agreed threshold brings them back to clinic
            without a new referral.
            """
        ),
    },
    "lymphoma": {
        "referral": _md(
            """
            Refer urgently for unexplained lymphadenopathy persisting for more than six weeks.

            Refer urgently without waiting six weeks when lymphadenopathy comes with drenching
            night sweats, fever or weight loss, with splenomegaly, or with a node that is
            growing. Send a full blood count, blood film, LDH and renal and liver function with
            the referral.

            Do not start steroids before a biopsy unless a haematologist advises it: they can
            make the biopsy impossible to read.
            """
        ),
        "staging": _md(
            """
            Obtain an excision biopsy; stage with PET-CT using the Lugano classification.

            Take an image-guided core biopsy only when excision is not feasible, and take
            several cores. Examine the bone marrow when PET-CT cannot answer the question, or
            for subtypes in which it changes treatment.

            Before treatment, test for HIV, hepatitis B and hepatitis C, and discuss fertility
            preservation with those of reproductive age.
            """
        ),
        "mdt": _md(
            """
            Discuss all patients at the haematology MDT, reviewed by a specialist
            haematopathologist.

            Record the subtype, the stage, the prognostic index appropriate to the subtype and
            the patient's fitness for treatment, with a frailty assessment for those over 70.

            Discuss again at the end of treatment, with the response assessment, and at any
            relapse.
            """
        ),
        "surgery": _md(
            """
            Surgery is for diagnosis only.

            Book excision biopsy of the most accessible abnormal node within two weeks of the
            request, choosing the node PET-CT shows as most active where there is a choice.
            Send the whole node fresh to the laboratory, not in formalin.
            """
        ),
        "sact": _md(
            """
            Offer R-CHOP for diffuse large B-cell lymphoma; treat according to the regional
            protocol.

            - Hodgkin lymphoma: offer PET-adapted chemotherapy, with the number of cycles set by
              the interim PET-CT.
            - Follicular lymphoma without symptoms: offer watchful waiting, with review every
              three to six months.
            - Follicular lymphoma needing treatment: offer chemoimmunotherapy, and discuss
              maintenance antibody therapy.

            Give every patient the 24-hour acute oncology number and written advice on
            neutropenic sepsis before the first cycle.
            """
        ),
        "radiotherapy": _md(
            """
            Consider consolidation radiotherapy to bulky sites.

            Use involved-site radiotherapy, planned on the staging PET-CT. For early-stage
            Hodgkin lymphoma, the MDT weighs radiotherapy against more chemotherapy, taking
            account of the patient's age and the organs that would be treated.

            Consider very low-dose radiotherapy for symptoms from indolent lymphoma: two
            fractions are often enough.
            """
        ),
        "followup": _md(
            """
            Review every three months for the first year after treatment.

            Then review six-monthly to two years, and discharge those with indolent disease in
            remission to a nurse-led clinic. Scans are for symptoms, not routine.

            Look for late effects: offer early breast screening to women who had radiotherapy to
            the chest before the age of 36, check thyroid function yearly after neck
            radiotherapy, and advise on cardiovascular risk after anthracyclines.
            """
        ),
    },
    "head-and-neck": {
        "referral": _md(
            """
            Refer urgently for a persistent neck lump, unexplained hoarseness for three weeks,
            or a non-healing oral ulcer.

            Refer urgently too for:

            - a red, or red and white, patch in the mouth
            - persistent pain in one ear with a normal ear examination
            - difficulty or pain on swallowing for three weeks or more
            - a lump in the mouth or on the lip

            Dentists refer directly to the oral and maxillofacial surgery clinic, with a
            photograph where they can take one.
            """
        ),
        "staging": _md(
            """
            Stage with MRI of the primary site and CT of neck and chest; ultrasound-guided FNA of
            neck nodes.

            Test oropharyngeal cancers for HPV, with p16 immunohistochemistry confirmed by a
            second test, and record the TNM stage (8th edition).

            For a neck node with no primary found, offer PET-CT before examination under
            anaesthesia, and tonsillectomy and tongue base biopsy at that examination.
            """
        ),
        "mdt": _md(
            """
            Discuss every patient at the head and neck MDT with dental, speech and language
            therapy and dietetic input.

            Arrange a dental assessment before radiotherapy, with any extractions completed at
            least ten days before it starts. Assess swallowing before treatment, and decide
            then whether a gastrostomy is needed.

            Record smoking and alcohol use, and offer support to stop, at the first
            appointment.
            """
        ),
        "surgery": _md(
            """
            Offer transoral surgery for selected early tumours; free-flap reconstruction in
            specialist centres.

            Offer neck dissection as the MDT advises, sparing structures that are not involved.
            Discuss surgical voice restoration with anyone having a laryngectomy before the
            operation, with the speech and language therapist present.

            Plan tracheostomy care and community support before discharge.
            """
        ),
        "sact": _md(
            """
            Give concurrent cisplatin with radiotherapy for locally advanced disease when fit.

            When cisplatin is contraindicated by renal function, hearing or frailty, the MDT
            decides between radiotherapy alone and an alternative given with it. Check hearing
            and renal function before each cycle.

            For recurrent or metastatic disease not suitable for local treatment, offer
            immunotherapy, alone or with platinum and fluorouracil, for PD-L1-positive disease,
            as advised by the Scottish Medicines Consortium.
            """
        ),
        "radiotherapy": _md(
            """
            Deliver intensity-modulated radiotherapy; start within six weeks of surgery when
            given after it.

            Give definitive treatment in 30 to 35 fractions over six to seven weeks, and avoid
            gaps: compensate for any that occur under the regional gap policy.

            ### After surgery

            Add concurrent cisplatin to postoperative radiotherapy for involved margins or
            extranodal extension, when the patient is fit for it.
            """
        ),
        "followup": _md(
            """
            Review every one to two months in the first year, with yearly thyroid function
            tests after neck radiotherapy.

            Review two to three-monthly in the second year, then every three to six months to
            five years. Offer PET-CT twelve weeks after chemoradiotherapy to decide whether a
            neck dissection is needed.

            Keep speech and language therapy and dietetic review going for as long as
            swallowing needs it, and remind patients that dental review is lifelong after
            radiotherapy.
            """
        ),
    },
    "breast": {
        "referral": _md(
            """
            Refer urgently with a discrete lump in the breast in people aged 30 and over.

            Refer urgently too for skin changes suggesting cancer, nipple retraction or
            unilateral bloody nipple discharge, and for a lump in the axilla. See everyone
            referred at a one-stop clinic within 14 days.

            Refer people under 30 with a lump that persists after their next period
            non-urgently, unless other features suggest cancer.
            """
        ),
        "staging": _md(
            """
            Perform triple assessment. Stage with CT for locally advanced disease.

            Triple assessment is clinical examination, imaging (mammography and ultrasound) and
            core biopsy. Report oestrogen receptor, progesterone receptor and HER2 status on the
            core biopsy, so that neoadjuvant treatment can be considered.

            Offer axillary ultrasound to everyone with invasive cancer, with biopsy of abnormal
            nodes. Consider breast MRI for lobular cancer and when mammography underestimates
            the size of the tumour.
            """
        ),
        "mdt": _md(
            """
            Discuss all patients at the breast MDT before and after surgery.

            Before surgery, record receptor status and the treatment sequence: surgery first,
            or neoadjuvant treatment. After surgery, record the pathology and the predicted
            benefit of each adjuvant treatment.

            Refer to clinical genetics those who meet the national testing criteria.
            """
        ),
        "surgery": _md(
            """
            Offer breast-conserving surgery where possible, with sentinel lymph node biopsy.

            Offer re-excision when a margin is involved by invasive cancer or ductal carcinoma
            in situ. After neoadjuvant treatment, mark the involved node before treatment so
            that it can be removed with the sentinel nodes.

            ### Reconstruction

            Offer immediate reconstruction to anyone having a mastectomy, unless
            post-mastectomy radiotherapy or other health problems make delay wiser. Discuss
            every option, including no reconstruction, and refer to another centre for an
            option the local team does not offer.
            """
        ),
        "sact": _md(
            """
            Offer adjuvant chemotherapy according to predicted benefit, and HER2-targeted
            therapy for HER2-positive disease.

            Offer neoadjuvant treatment for HER2-positive and triple-negative tumours over 2 cm
            or with involved nodes, adding immunotherapy for triple-negative disease as advised
            by the Scottish Medicines Consortium.

            Offer endocrine therapy for five years for hormone receptor-positive disease, and
            consider extending it for those at higher risk. Offer adjuvant bisphosphonates to
            postmenopausal women at moderate or high risk of recurrence.

            For hormone receptor-positive metastatic disease, offer an aromatase inhibitor with
            a CDK4/6 inhibitor as first-line treatment.
            """
        ),
        "radiotherapy": _md(
            """
            Offer whole-breast radiotherapy after breast-conserving surgery, 26 Gy in five
            fractions.

            Consider a tumour bed boost for those at higher risk of local recurrence, and
            partial breast radiotherapy for those at low risk. Discuss omitting radiotherapy
            with people over 65 with small, low-risk tumours who take endocrine therapy.

            Offer chest wall radiotherapy after mastectomy for node-positive disease.
            """
        ),
        "followup": _md(
            """
            Offer yearly mammography for five years after treatment.

            After five years, return to the national screening programme if of screening age.
            Offer open access to the breast care nurses instead of routine clinic reviews.

            Ask about side effects of endocrine therapy and support people to continue it.
            Check bone density for those taking an aromatase inhibitor, and refer early for
            lymphoedema.
            """
        ),
    },
    "melanoma": {
        "referral": _md(
            """
            Refer urgently any pigmented lesion scoring three or more on the weighted 7-point
            checklist.

            Send dermoscopic images with the referral where the board has teledermatology. Do
            not shave or partially biopsy a suspected melanoma in primary care: refer it
            instead.

            Refer urgently too a new or changing nodular lesion, pigmented or not, and a
            pigmented streak in a nail that is not explained by injury.
            """
        ),
        "staging": _md(
            """
            Excise with a 2 mm margin; stage with the AJCC 8th edition. Offer sentinel lymph node
            biopsy for stage IB and above.

            Report Breslow thickness, ulceration, mitotic rate and margins in a structured
            pathology report. Test BRAF status for stage III and IV disease.

            Offer CT of chest, abdomen and pelvis, and MRI of the brain, for stage IIC and
            above.
            """
        ),
        "mdt": _md(
            """
            Discuss stage IIB and above at the specialist skin cancer MDT.

            Discuss other melanomas at the local skin cancer MDT. Refer acral and mucosal
            melanomas, and melanoma in children and in pregnancy, to the specialist MDT at any
            stage.

            Refer uveal melanoma to the national ocular oncology service.
            """
        ),
        "surgery": _md(
            """
            Perform wide local excision with margins set by Breslow thickness.

            - In situ: 5 mm.
            - Up to 1 mm: 1 cm.
            - Over 1 mm to 2 mm: 1 to 2 cm.
            - Over 2 mm: 2 cm.

            Do not offer completion lymph node dissection after a positive sentinel node
            biopsy; offer nodal ultrasound surveillance instead. Offer therapeutic lymph node
            dissection for clinically involved nodes.
            """
        ),
        "sact": _md(
            """
            Offer adjuvant immunotherapy for resected stage III disease; test BRAF status.

            For resected BRAF-mutant disease, discuss adjuvant targeted therapy as an
            alternative. For unresectable or metastatic disease, offer combination immunotherapy
            to those fit for it, and single-agent immunotherapy to others.

            Give every patient on immunotherapy the 24-hour acute oncology number, and teach
            them the symptoms of immune-related side effects, which can start months after
            treatment.
            """
        ),
        "radiotherapy": _md(
            """
            Consider radiotherapy for symptom control of metastases.

            Offer stereotactic radiosurgery for a small number of brain metastases, discussed
            with the neuro-oncology MDT. Adjuvant radiotherapy to a nodal basin is rarely
            needed now that adjuvant systemic therapy is offered.
            """
        ),
        "followup": _md(
            """
            Review three-monthly for three years for stage IIB to IIC.

            - Stage IA: one review after excision, with teaching on skin self-examination.
            - Stage IB to IIA: three-monthly for one year, then six-monthly to three years.
            - Stage III: as for stage IIB to IIC, with imaging surveillance.

            Teach every patient skin and lymph node self-examination, and advise on sun
            protection and vitamin D.
            """
        ),
    },
    "diffuse-large-b-cell-lymphoma": {
        "referral": _md(
            """
            Refer urgently for unexplained lymphadenopathy persisting for more than six weeks,
            or a rapidly enlarging mass.

            Discuss on the same day with the on-call haematologist anyone with signs of
            superior vena cava obstruction, spinal cord compression or tumour lysis.

            Do not start steroids before a biopsy unless a haematologist advises it.
            """
        ),
        "staging": _md(
            """
            Obtain an excision or core biopsy; stage with PET-CT using the Lugano classification
            and record the International Prognostic Index.

            Before treatment, test for HIV, hepatitis B and hepatitis C, and assess cardiac
            function in anyone with cardiac history or risk factors before an anthracycline is
            given.
            """
        ),
        "mdt": _md(
            """
            Discuss all patients at the lymphoma MDT, with the diagnosis reviewed by a specialist
            haematopathologist.

            Record MYC, BCL2 and BCL6 rearrangement results, the cell of origin and the CNS-IPI
            score. For those over 70, record a frailty assessment.

            Discuss again after the end-of-treatment PET-CT, and at any relapse, including
            whether to refer for cellular therapy.
            """
        ),
        "surgery": _md(
            """
            Surgery is for diagnosis only.

            Obtain enough tissue for the diagnosis and its molecular tests: an excision biopsy,
            or several image-guided cores. Fine needle aspiration alone is not enough.
            """
        ),
        "sact": _md(
            """
            Offer six cycles of R-CHOP-based chemoimmunotherapy; assess the risk of central
            nervous system relapse before treatment starts.

            Give a steroid pre-phase to those who are unwell or over 70. For those at higher
            risk by the International Prognostic Index, consider the regimen advised by the
            Scottish Medicines Consortium for that group; for those over 80 or frail, offer an
            attenuated regimen.

            Refer relapsed or refractory disease to the regional cellular therapy service,
            before the second line of treatment starts.
            """
        ),
        "radiotherapy": _md(
            """
            Consider consolidation radiotherapy to sites of bulky or residual PET-avid disease.

            Use involved-site radiotherapy, planned on the staging PET-CT. Consider palliative
            radiotherapy for symptoms in those not fit for systemic treatment.
            """
        ),
        "followup": _md(
            """
            Review every three months for the first year after treatment, then six-monthly to
            two years; do not scan routinely.

            At each review, ask about fever, night sweats, weight loss and new lumps, and about
            late effects of treatment, including cardiac symptoms after anthracyclines.
            Discharge to the GP at two years with a treatment summary.
            """
        ),
    },
}

SUPPORT = _md(
    """
    Give every patient a named key worker and a holistic needs assessment at diagnosis.
    Signpost to Maggie's centres and Macmillan services, and to prehabilitation.

    Repeat the holistic needs assessment at the end of treatment and whenever needs change,
    and share the care plan agreed from it with the patient's GP. Offer benefits advice early,
    and help with travel and accommodation for treatment given away from home.

    Refer to specialist palliative care early for complex symptoms, and talk with patients
    about anticipatory care planning, recording their wishes where out-of-hours services can
    see them.
    """
)


def _regimen(name, medicines, intent, setting, advice=""):
    return {
        "name": name,
        "medicines": medicines,
        "intent": intent,
        "setting": setting,
        "advice": advice,
    }


REGIMENS = {
    "ovarian": [
        _regimen(
            "Carboplatin and paclitaxel",
            ["carboplatin", "paclitaxel"],
            "adjuvant",
            "Stage IC to IV after primary surgery, or around interval surgery",
        ),
        _regimen(
            "Niraparib maintenance",
            ["niraparib"],
            "maintenance",
            "Advanced high-grade disease in response to first-line platinum-based chemotherapy",
            "SMC9016",
        ),
        _regimen(
            "Olaparib maintenance",
            ["olaparib"],
            "maintenance",
            "Advanced high-grade disease with a BRCA mutation or homologous recombination "
            "deficiency, in response to first-line platinum-based chemotherapy",
            "SMC9012",
        ),
        _regimen(
            "Weekly paclitaxel",
            ["paclitaxel"],
            "palliative",
            "Relapse less than six months after the last platinum",
        ),
    ],
    "cervical": [
        _regimen(
            "Weekly cisplatin with radiotherapy",
            ["cisplatin"],
            "curative",
            "Locally advanced disease (FIGO 2018 stage IB3 to IVA)",
        ),
        _regimen(
            "Carboplatin, paclitaxel and pembrolizumab",
            ["carboplatin", "paclitaxel", "pembrolizumab"],
            "palliative",
            "Persistent, recurrent or metastatic PD-L1-positive disease, first line",
            "SMC9021",
        ),
    ],
    "oesophago-gastric": [
        _regimen(
            "FLOT (docetaxel, oxaliplatin, fluorouracil and folinic acid)",
            ["docetaxel", "oxaliplatin", "fluorouracil", "folinic acid"],
            "neoadjuvant",
            "Perioperative, for operable gastric and oesophageal adenocarcinoma",
        ),
        _regimen(
            "Carboplatin and paclitaxel with radiotherapy",
            ["carboplatin", "paclitaxel"],
            "neoadjuvant",
            "Before oesophagectomy for operable oesophageal cancer",
        ),
        _regimen(
            "Adjuvant nivolumab",
            ["nivolumab"],
            "adjuvant",
            "Residual disease after neoadjuvant chemoradiotherapy and oesophagectomy",
            "SMC9031",
        ),
        _regimen(
            "Capecitabine, oxaliplatin and nivolumab",
            ["capecitabine", "oxaliplatin", "nivolumab"],
            "palliative",
            "Advanced HER2-negative adenocarcinoma with a PD-L1 combined positive score of 5 "
            "or more, first line",
            "SMC9034",
        ),
    ],
    "lung": [
        _regimen(
            "Carboplatin, pemetrexed and pembrolizumab",
            ["carboplatin", "pemetrexed", "pembrolizumab"],
            "palliative",
            "Advanced non-squamous non-small cell lung cancer without an actionable "
            "alteration, first line",
            "SMC9041",
        ),
        _regimen(
            "Pembrolizumab",
            ["pembrolizumab"],
            "palliative",
            "Advanced non-small cell lung cancer with PD-L1 of 50% or more and no actionable "
            "alteration, first line",
            "SMC9043",
        ),
        _regimen(
            "Osimertinib",
            ["osimertinib"],
            "palliative",
            "Advanced non-small cell lung cancer with an EGFR-activating mutation, first line",
            "SMC9046",
        ),
        _regimen(
            "Cisplatin and vinorelbine",
            ["cisplatin", "vinorelbine"],
            "adjuvant",
            "Resected stage II to IIIA non-small cell lung cancer",
        ),
    ],
    "prostate": [
        _regimen(
            "Enzalutamide with androgen deprivation therapy",
            ["enzalutamide"],
            "palliative",
            "Metastatic hormone-sensitive disease",
            "SMC9052",
        ),
        _regimen(
            "Docetaxel with androgen deprivation therapy",
            ["docetaxel", "prednisolone"],
            "palliative",
            "High-volume metastatic hormone-sensitive disease, fit patients",
        ),
        _regimen(
            "Abiraterone and prednisolone with androgen deprivation therapy",
            ["abiraterone", "prednisolone"],
            "curative",
            "High-risk non-metastatic disease treated with radiotherapy",
            "NCMAG955",
        ),
    ],
    "lymphoma": [
        _regimen(
            "R-CHOP",
            ["rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisolone"],
            "curative",
            "Diffuse large B-cell lymphoma, first line",
        ),
        _regimen(
            "ABVD",
            ["doxorubicin", "bleomycin", "vinblastine", "dacarbazine"],
            "curative",
            "Hodgkin lymphoma, first line, PET-adapted",
        ),
        _regimen(
            "Bendamustine and rituximab",
            ["bendamustine", "rituximab"],
            "palliative",
            "Symptomatic follicular lymphoma needing treatment",
            "NCMAG961",
        ),
    ],
    "head-and-neck": [
        _regimen(
            "Cisplatin with radiotherapy",
            ["cisplatin"],
            "curative",
            "Locally advanced squamous cell carcinoma, fit patients",
        ),
        _regimen(
            "Cetuximab with radiotherapy",
            ["cetuximab"],
            "curative",
            "Locally advanced squamous cell carcinoma when cisplatin is contraindicated",
            "NCMAG971",
        ),
        _regimen(
            "Pembrolizumab",
            ["pembrolizumab"],
            "palliative",
            "Recurrent or metastatic PD-L1-positive squamous cell carcinoma, first line",
            "SMC9071",
        ),
    ],
    "breast": [
        _regimen(
            "Epirubicin and cyclophosphamide followed by paclitaxel",
            ["epirubicin", "cyclophosphamide", "paclitaxel"],
            "adjuvant",
            "Early breast cancer with enough predicted benefit from chemotherapy",
        ),
        _regimen(
            "Pertuzumab, trastuzumab and docetaxel",
            ["pertuzumab", "trastuzumab", "docetaxel"],
            "neoadjuvant",
            "HER2-positive early disease over 2 cm or with involved nodes",
            "SMC9081",
        ),
        _regimen(
            "Pembrolizumab with neoadjuvant chemotherapy",
            ["pembrolizumab", "paclitaxel", "carboplatin", "epirubicin", "cyclophosphamide"],
            "neoadjuvant",
            "Triple-negative early disease at high risk of recurrence",
            "SMC9085",
        ),
        _regimen(
            "Abemaciclib with endocrine therapy",
            ["abemaciclib"],
            "adjuvant",
            "High-risk hormone receptor-positive, HER2-negative early disease after surgery",
            "SMC9083",
        ),
    ],
    "melanoma": [
        _regimen(
            "Pembrolizumab",
            ["pembrolizumab"],
            "adjuvant",
            "Resected stage III disease",
            "SMC9091",
        ),
        _regimen(
            "Dabrafenib and trametinib",
            ["dabrafenib", "trametinib"],
            "adjuvant",
            "Resected stage III disease with a BRAF V600 mutation",
            "SMC9096",
        ),
        _regimen(
            "Nivolumab and ipilimumab",
            ["nivolumab", "ipilimumab"],
            "palliative",
            "Unresectable or metastatic disease, first line, fit patients",
            "SMC9093",
        ),
    ],
    "diffuse-large-b-cell-lymphoma": [
        _regimen(
            "R-CHOP",
            ["rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisolone"],
            "curative",
            "First line, six cycles",
        ),
        _regimen(
            "Polatuzumab vedotin with R-CHP",
            [
                "polatuzumab vedotin",
                "rituximab",
                "cyclophosphamide",
                "doxorubicin",
                "prednisolone",
            ],
            "curative",
            "First line, International Prognostic Index 2 to 5",
            "SMC9064",
        ),
        _regimen(
            "R-mini-CHOP",
            ["rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisolone"],
            "curative",
            "First line, over 80 or frail",
        ),
    ],
}


def _reference(kind, identifier, title, issued_on, sections, note, *, medicine="", decision=""):
    return {
        "kind": kind,
        "identifier": identifier,
        "title": title,
        "medicine": medicine,
        "decision": decision,
        "issued_on": issued_on,
        "sections": sections,
        "note": note,
    }


_date = datetime.date

REFERENCES = {
    "ovarian": [
        _reference(
            "sign",
            "SIGN 911",
            "Epithelial ovarian cancer: diagnosis and management",
            _date(2022, 11, 15),
            ["referral", "staging", "surgery", "followup"],
            "Referral, staging and surgical standards aligned with SIGN 911.",
        ),
        _reference(
            "smc",
            "SMC9016",
            "Niraparib for maintenance treatment of advanced high-grade epithelial ovarian "
            "cancer in response to first-line platinum-based chemotherapy",
            _date(2022, 10, 10),
            ["sact"],
            "PARP inhibitor maintenance considered as advised in SMC9016.",
            medicine="niraparib",
            decision="restricted",
        ),
        _reference(
            "smc",
            "SMC9012",
            "Olaparib for maintenance treatment of advanced high-grade epithelial ovarian "
            "cancer with a BRCA mutation or homologous recombination deficiency",
            _date(2025, 4, 7),
            ["sact"],
            "Olaparib maintenance offered to patients with a BRCA mutation or HRD following "
            "SMC9012.",
            medicine="olaparib",
            decision="restricted",
        ),
    ],
    "cervical": [
        _reference(
            "sign",
            "SIGN 922",
            "Management of cervical cancer",
            _date(2022, 12, 6),
            ["referral", "staging", "mdt", "surgery", "radiotherapy"],
            "Staging and primary treatment aligned with SIGN 922.",
        ),
        _reference(
            "smc",
            "SMC9021",
            "Pembrolizumab with chemotherapy for persistent, recurrent or metastatic "
            "PD-L1-positive cervical cancer",
            _date(2022, 11, 7),
            ["sact"],
            "Immunotherapy added for PD-L1-positive recurrent or metastatic disease following "
            "SMC9021.",
            medicine="pembrolizumab",
            decision="accepted",
        ),
        _reference(
            "trial",
            "ISRCTN99021457",
            "Overall treatment time and pelvic control after chemoradiotherapy and "
            "image-guided brachytherapy for locally advanced cervical cancer",
            _date(2025, 3, 18),
            ["radiotherapy"],
            "Overall treatment time for chemoradiotherapy reduced to 50 days.",
        ),
    ],
    "oesophago-gastric": [
        _reference(
            "sign",
            "SIGN 933",
            "Management of oesophageal and gastric cancer",
            _date(2023, 1, 24),
            ["referral", "staging", "surgery", "radiotherapy", "followup"],
            "Referral, staging and follow-up aligned with SIGN 933.",
        ),
        _reference(
            "smc",
            "SMC9031",
            "Nivolumab for adjuvant treatment of oesophageal or gastro-oesophageal junction "
            "cancer with residual disease after neoadjuvant chemoradiotherapy",
            _date(2022, 7, 11),
            ["sact"],
            "Adjuvant immunotherapy added for residual disease following SMC9031.",
            medicine="nivolumab",
            decision="accepted",
        ),
        _reference(
            "smc",
            "SMC9034",
            "Nivolumab with fluoropyrimidine and platinum chemotherapy for first-line "
            "treatment of advanced HER2-negative gastric, junctional or oesophageal "
            "adenocarcinoma",
            _date(2023, 2, 13),
            ["sact"],
            "First-line immunotherapy added for advanced adenocarcinoma following SMC9034.",
            medicine="nivolumab",
            decision="restricted",
        ),
    ],
    "lung": [
        _reference(
            "sign",
            "SIGN 944",
            "Management of lung cancer",
            _date(2022, 9, 20),
            ["referral", "staging", "mdt", "surgery", "radiotherapy", "followup"],
            "Referral, staging and radical treatment aligned with SIGN 944.",
        ),
        _reference(
            "smc",
            "SMC9046",
            "Osimertinib for first-line treatment of advanced non-small cell lung cancer with "
            "an EGFR-activating mutation",
            _date(2022, 7, 4),
            ["sact"],
            "Targeted therapy for EGFR-mutant disease named following SMC9046.",
            medicine="osimertinib",
            decision="accepted",
        ),
        _reference(
            "smc",
            "SMC9043",
            "Pembrolizumab monotherapy for first-line treatment of advanced non-small cell "
            "lung cancer with PD-L1 of 50% or more",
            _date(2025, 3, 10),
            ["sact"],
            "First-line immunotherapy added for PD-L1 of 50% or more following SMC9043.",
            medicine="pembrolizumab",
            decision="accepted",
        ),
        _reference(
            "smc",
            "SMC9041",
            "Pembrolizumab with pemetrexed and platinum chemotherapy for first-line treatment "
            "of advanced non-squamous non-small cell lung cancer",
            _date(2025, 5, 12),
            ["sact"],
            "First-line immunotherapy with chemotherapy added following SMC9041.",
            medicine="pembrolizumab",
            decision="restricted",
        ),
    ],
    "prostate": [
        _reference(
            "sign",
            "SIGN 955",
            "Management of prostate cancer",
            _date(2022, 10, 25),
            ["referral", "staging", "mdt", "surgery", "radiotherapy", "followup"],
            "Risk grouping and primary treatment aligned with SIGN 955.",
        ),
        _reference(
            "other",
            "",
            "National imaging group statement: PSMA PET-CT for staging high-risk prostate cancer",
            _date(2025, 10, 6),
            ["staging"],
            "PSMA PET-CT now used for all high-risk patients.",
        ),
        _reference(
            "smc",
            "SMC9052",
            "Enzalutamide with androgen deprivation therapy for metastatic hormone-sensitive "
            "prostate cancer",
            _date(2022, 8, 15),
            ["sact"],
            "Androgen receptor inhibitor added for metastatic hormone-sensitive disease "
            "following SMC9052.",
            medicine="enzalutamide",
            decision="accepted",
        ),
        _reference(
            "ncmag",
            "NCMAG955",
            "Abiraterone with androgen deprivation therapy and radiotherapy for high-risk "
            "non-metastatic prostate cancer",
            _date(2022, 9, 19),
            ["sact", "radiotherapy"],
            "Abiraterone with radiotherapy added for high-risk non-metastatic disease "
            "following NCMAG955.",
            medicine="abiraterone",
            decision="accepted",
        ),
    ],
    "lymphoma": [
        _reference(
            "other",
            "",
            "Regional haematology network lymphoma treatment protocols",
            _date(2023, 1, 16),
            ["sact", "radiotherapy"],
            "Systemic treatment follows the regional lymphoma protocols.",
        ),
        _reference(
            "ncmag",
            "NCMAG961",
            "Bendamustine with rituximab for symptomatic follicular lymphoma",
            _date(2022, 11, 21),
            ["sact"],
            "Chemoimmunotherapy for symptomatic follicular lymphoma named following NCMAG961.",
            medicine="bendamustine",
            decision="accepted",
        ),
    ],
    "head-and-neck": [
        _reference(
            "sign",
            "SIGN 966",
            "Diagnosis and management of head and neck cancer",
            _date(2023, 3, 7),
            ["referral", "staging", "mdt", "surgery", "radiotherapy", "followup"],
            "Referral, staging and follow-up aligned with SIGN 966.",
        ),
        _reference(
            "smc",
            "SMC9071",
            "Pembrolizumab, alone or with platinum and fluorouracil, for first-line treatment "
            "of recurrent or metastatic PD-L1-positive head and neck squamous cell carcinoma",
            _date(2022, 6, 27),
            ["sact"],
            "First-line immunotherapy added for recurrent or metastatic disease following SMC9071.",
            medicine="pembrolizumab",
            decision="restricted",
        ),
        _reference(
            "ncmag",
            "NCMAG971",
            "Cetuximab with radiotherapy for locally advanced head and neck cancer when "
            "cisplatin is contraindicated",
            _date(2023, 1, 30),
            ["sact", "radiotherapy"],
            "An alternative to cisplatin with radiotherapy named following NCMAG971.",
            medicine="cetuximab",
            decision="accepted",
        ),
    ],
    "breast": [
        _reference(
            "sign",
            "SIGN 977",
            "Treatment of primary breast cancer",
            _date(2022, 8, 30),
            ["referral", "staging", "mdt", "surgery", "radiotherapy", "followup"],
            "Assessment, surgery and radiotherapy aligned with SIGN 977.",
        ),
        _reference(
            "smc",
            "SMC9081",
            "Pertuzumab with trastuzumab and chemotherapy for neoadjuvant treatment of "
            "HER2-positive early breast cancer",
            _date(2022, 7, 18),
            ["sact"],
            "Neoadjuvant dual HER2-targeted therapy added following SMC9081.",
            medicine="pertuzumab",
            decision="accepted",
        ),
        _reference(
            "smc",
            "SMC9085",
            "Pembrolizumab with neoadjuvant chemotherapy, then as adjuvant monotherapy, for "
            "high-risk early triple-negative breast cancer",
            _date(2022, 12, 5),
            ["sact"],
            "Immunotherapy added for high-risk triple-negative disease following SMC9085.",
            medicine="pembrolizumab",
            decision="accepted",
        ),
        _reference(
            "smc",
            "SMC9083",
            "Abemaciclib with endocrine therapy for adjuvant treatment of high-risk hormone "
            "receptor-positive, HER2-negative early breast cancer",
            _date(2025, 2, 10),
            ["sact"],
            "Adjuvant CDK4/6 inhibitor added for high-risk hormone receptor-positive disease "
            "following SMC9083.",
            medicine="abemaciclib",
            decision="accepted",
        ),
    ],
    "melanoma": [
        _reference(
            "sign",
            "SIGN 988",
            "Cutaneous melanoma",
            _date(2022, 6, 14),
            ["referral", "staging", "mdt", "surgery", "followup"],
            "Referral, margins and follow-up schedules aligned with SIGN 988.",
        ),
        _reference(
            "smc",
            "SMC9091",
            "Pembrolizumab for adjuvant treatment of resected stage III melanoma",
            _date(2022, 6, 20),
            ["sact"],
            "Adjuvant immunotherapy for resected stage III disease added following SMC9091.",
            medicine="pembrolizumab",
            decision="accepted",
        ),
        _reference(
            "smc",
            "SMC9096",
            "Dabrafenib with trametinib for adjuvant treatment of resected stage III "
            "BRAF V600-mutant melanoma",
            _date(2022, 10, 3),
            ["sact"],
            "Adjuvant targeted therapy for BRAF-mutant disease added following SMC9096.",
            medicine="dabrafenib",
            decision="accepted",
        ),
        _reference(
            "smc",
            "SMC9093",
            "Nivolumab with ipilimumab for first-line treatment of advanced melanoma",
            _date(2022, 9, 5),
            ["sact"],
            "Combination immunotherapy for advanced disease added following SMC9093.",
            medicine="nivolumab",
            decision="restricted",
        ),
    ],
    "diffuse-large-b-cell-lymphoma": [
        _reference(
            "smc",
            "SMC9064",
            "Polatuzumab vedotin with rituximab, cyclophosphamide, doxorubicin and "
            "prednisolone for previously untreated diffuse large B-cell lymphoma",
            _date(2024, 5, 13),
            ["sact"],
            "Polatuzumab vedotin with R-CHP added for higher-risk disease following SMC9064.",
            medicine="polatuzumab vedotin",
            decision="restricted",
        ),
        _reference(
            "other",
            "",
            "Regional haematology network guidance on central nervous system prophylaxis in "
            "diffuse large B-cell lymphoma",
            _date(2024, 9, 2),
            ["sact", "mdt"],
            "Assessment of central nervous system relapse risk added before treatment starts.",
        ),
        _reference(
            "trial",
            "ISRCTN99064218",
            "PET-guided omission of consolidation radiotherapy in diffuse large B-cell lymphoma",
            _date(2023, 11, 20),
            ["radiotherapy", "followup"],
            "Consolidation radiotherapy limited to bulky or residual PET-avid disease.",
        ),
    ],
}
