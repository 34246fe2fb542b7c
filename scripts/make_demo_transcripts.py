"""Write the demo interviews in transcripts/ from the fictional talk in this file.

    .venv/bin/python scripts/make_demo_transcripts.py

Six FICTIONAL interviews, written for this project (no real person, no text from
any evaluation report), one per shipped topic guide, each in a format a real
project receives: a transcriber's .docx with bold labels, a typed .txt with
I:/R:, two timestamped .txt styles, a Teams .vtt with voice tags and a Zoom-like
.srt. Interviewer turns that ask a guide question carry the first words of that
question's label (``ask``), which the alignment test reads as the answer key.
Re-running rewrites the same files byte for byte (fixed times, no dates).
"""

from __future__ import annotations

import csv
import io
import textwrap
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HEADING = "FICTIONAL DEMO INTERVIEW — written for this project; no real person"
OUT = Path(__file__).resolve().parents[1] / "transcripts"


@dataclass
class Interview:
    file: str
    guide: str
    interviewer: str
    respondent: str
    attributes: dict[str, str]
    turns: list[tuple] = field(default_factory=list)  # ("I", text, ask-prefix|None) or ("R", text)


STAKEHOLDER = Interview(
    file="stakeholder_joint_commissioning.docx",
    guide="stakeholder",
    interviewer="Helen Carter",
    respondent="Graham Whitfield",
    attributes={"respondent_type": "stakeholder", "area": "National", "wave": "1", "interview_date": "2015-02-10", "interviewer": "HC"},
    turns=[
        ("I", "Thanks again for making time for this. Before we get going, are you happy for me to record?", None),
        ("R", "Yes, that's fine, go ahead."),
        ("I", "Great. So, to start us off, could you give me a general overview of your organisation and the part it played in the Employment and Reoffending pilot?", "Can you give me a general overview of your organisation"),
        ("R", "Sure. So we're, well, I was sitting in the policy side of the department at the time, the reducing reoffending side rather than the operational prisons side. Our role in the pilot was really the commissioning end. We weren't delivering anything on the ground. We were there to shape what was being bought, to make the case for it internally, and then to work alongside the other department on the actual specification.\n\nI'd say we were more strategic than anything. There were people much closer to procurement than me, and I'd always point you to them for the detail of the contracting."),
        ("I", "And what was your own job at that point, when the pilot was being designed?", "Could you give me an overview of your job at the time"),
        ("R", "I was a policy lead, a grade seven, and I'd been in that post about eighteen months when the pilot idea first came up. My responsibilities were the employment strand of the reoffending work, so anything about prisoners getting into work after release, benefits on release, that kind of thing. I sat in on the programme board and I drafted a lot of the early submissions to ministers."),
        ("I", "Okay. What did you see as the key drivers behind deciding to commission it jointly, rather than one department going it alone?", "What did you understand to be the key drivers behind the decision"),
        ("R", "Honestly, I think the biggest driver was that both departments were paying for the same people and neither was getting the outcome it wanted. We had the reoffending bill, they had the benefits bill, and the same short-sentence prisoners were cycling through both. So there was a kind of obvious logic that if you joined up the funding you could pay a provider for the thing that actually matters to both of us.\n\nThere was also a ministerial push, to be fair. Payment by results was very much the flavour of the time and there was an appetite to show that two departments could do it together. And I think some people hoped there'd be efficiencies, you know, one procurement instead of two. Whether that's how it worked out is another question."),
        ("I", "Mm. And in your view what are the main benefits of doing it jointly?", "What do you think are the key benefits of joint commissioning"),
        ("R", "The main benefit is alignment. If the provider is paid on employment and on reoffending, they have a reason to care about both, and they can't just cream off the people who are easy to get into work. For the participants, in theory, it's less complexity, one provider rather than three different schemes all wanting a piece of them. For government, there's a shared evidence base, which I think is underrated. We'd never had matched data between the two departments at that scale before."),
        ("I", "And the flip side, what did you see as the main risks associated with commissioning jointly?", "What do you see as the main risks associated with joint commissioning"),
        ("R", "Governance, mainly. Two sets of accounting officers, two sets of lawyers, two sets of ministers. Every decision took twice as long because it had to go round both houses. There was a real financial risk too, in that nobody was quite sure how the reoffending payment would be counted across two budgets, and that made finance colleagues very nervous. Operationally, the risk was that the provider would end up serving two masters with slightly different priorities."),
        ("I", "Right, let's move on to the design itself. How did the idea of having a Provider A and a Provider B come about?", "Can you explain how the ‘Provider A vs. Provider B model’ came about"),
        ("R", "That came out of the evaluation conversations, really. The analysts were very clear that if you just gave the incentive to everyone, you'd have nothing to compare against. So the idea was that in each area one provider gets the extra reoffending incentive and the other carries on with the standard arrangement, and prisoners are allocated between them more or less at random. It's a neat idea on paper. In practice it meant some awkward conversations with providers who felt they'd been given the short straw."),
        ("I", "What about the binary measure of reoffending, the yes or no measure used to assess provider performance? What are the advantages and disadvantages of that?", "What are the advantages and disadvantages of the binary measure"),
        ("R", "The advantage is that it's simple and everybody understands it. Did the person reoffend within the period or not. The disadvantage, and this was raised at the time, is that once somebody has reoffended, the provider has no financial reason to keep working with them. You lose the people who are most prolific, and they're exactly the ones you want a provider to stick with. A frequency measure would have been fairer, but it's harder to explain and harder to audit, so the binary measure won."),
        ("I", "Can you tell me why attachment fees were included in this pilot?", "Can you tell me why attachment fees were in this pilot"),
        ("R", "The attachment fee was there to get providers to actually pick people up at the gate. Short-sentence prisoners are hard to engage, and without some money up front the worry was providers would just not bother until the person walked into an office. The disadvantage is obvious, you can end up paying for attachments that never turn into anything. We argued about the level for weeks."),
        ("I", "And how were the pilot areas chosen?", "How were the pilot areas selected"),
        ("R", "Partly on volumes, you needed enough releases to detect an effect, and partly on which areas had prisons that could cope with the extra activity. There was also a practical question of which providers were willing. I wouldn't pretend it was a purely scientific selection."),
        ("I", "Let's talk about procurement. Could you give me an overview of how the joint procurement process worked?", "Could you please give me an overview of the joint procurement process"),
        ("R", "It was run through the existing framework, which helped, because the providers were already there. But we had to write a specification that both departments' lawyers were happy with, and that took much longer than anyone planned. My role was mostly on the specification side, making sure the reoffending outcome was described properly. There were a couple of points where it nearly stalled, mainly over data sharing, because the providers needed to know who had reoffended and that data belongs to us, not to them."),
        ("I", "Sure. Looking back, what changes, if any, would you make to the joint commissioning process in the future?", "What changes, if any, would you make to the joint commissioning process"),
        ("R", "I'd sort out the data sharing agreement before anything else. I'd also have a single senior responsible owner with real authority across both departments, rather than a board where everybody had a veto. And I'd involve the prisons earlier. They were treated as a venue rather than a partner, and that came back to bite us when the providers needed access to people before release."),
        ("I", "Finally, overall, to what extent do you think joint commissioning is achieving what it set out to do so far?", "Overall, to what extent do you think joint commissioning is achieving its aims"),
        ("R", "Too early to say on outcomes, honestly. On process, partly. We proved two departments can buy something together, which wasn't a given. But the efficiencies people hoped for haven't really shown up. If anything it cost more in staff time than two separate procurements would have. I'd still say it was worth doing, because the learning on data alone has been valuable."),
        ("I", "That's really helpful. Is there anything you'd like to add that we haven't covered?", None),
        ("R", "Only that I hope the evaluation looks at the people who dropped out early. That's where the real story is, I think."),
        ("I", "Thank you, that's great. I'll stop the recording there.", None),
    ],
)

PROVIDER_A = Interview(
    file="provider_a_operational_staff.txt",
    guide="provider_operational",
    interviewer="Sarah Jones",
    respondent="Mark Ellis",
    attributes={"respondent_type": "Provider A operational staff", "area": "Pilot area", "wave": "1", "interview_date": "2015-03-12", "interviewer": "SJ"},
    turns=[
        ("I", "So, first of all, can you give me an overview of your role in relation to the Work Programme and the pilot?", "Can you give me an overview of your role is in relation"),
        ("R", "Yeah. I'm a team leader in the local office. I've got six advisers, two of whom are offender specialists, and I carry a small caseload myself, mostly the harder cases if I'm honest. On the pilot side we're Provider A, so we get the reoffending incentive on top of the normal payments. In practice that means the under-twelve-month lot come to us as well as the longer sentence people in the offender payment group."),
        ("I", "Okay. Can you describe how offenders are referred and attached to you, how that actually happens?", "Can you describe how offenders are referred and attached"),
        ("R", "In theory it's simple. The Jobcentre adviser in the prison does the claim before release, the referral comes through to us electronically, and we're supposed to get an appointment in the diary within a couple of days of them getting out. In practice, erm, the referral often lands after the person's already been released. Sometimes we get it the same day, sometimes a week later, and by then the phone number's dead and the address is a hostel they've already left.\n\nWe've started sending someone to the gate where we can, for the local prison anyway, and that helps massively. If you meet someone at the gate and buy them a coffee, you've got a relationship. If you send a letter to an address they were at three weeks ago, you've got nothing. We don't do much behind the gates yet, we're not allowed on the wings without an escort and that's been a struggle to arrange."),
        ("I", "What about the gap between referral and attachment? Is there one, and why?", "What, if anything, is the gap between referral and attachment"),
        ("R", "There's a big gap. I'd say maybe half of the short sentence referrals attach within the first month, and some never do. The reasons are what I said, contact details, plus people just have other priorities when they get out. Housing first, money second, us a long way third. Compared to other payment groups it's much worse. The long-term unemployed, they're frustrated with us, but at least they turn up."),
        ("I", "Right. What would you say are the main barriers that offenders face, and how do they differ from other customers?", "What are the barriers experienced by offenders"),
        ("R", "Housing is the big one. If you don't know where you're sleeping tonight, a CV workshop means nothing. Then substance misuse, a lot of our short sentence people have drug or alcohol problems, some are on a script, some aren't. Confidence is a big one as well, which people forget.\n\nAnd then disclosure. Having to explain a conviction to an employer terrifies people. Some of them have never had a job where they had to fill in a form asking about criminal records. We do a lot of work on how to disclose, what they have to say and when, what's spent and what isn't. The short sentence lot are also more chaotic than the long sentence lot, in my experience. The long sentence people have often done courses inside and they've had time to plan."),
        ("I", "Do you work with any employers to create opportunities for offenders specifically?", "Do you work with any employers to deliver opportunities"),
        ("R", "We've got an employer engagement team who sit across the whole contract, and a couple of them are good with offenders. We've got a warehouse and a couple of construction firms who'll take people with convictions, and a catering social enterprise that's brilliant. The trick is being upfront with the employer. We never place someone without the employer knowing, because if it comes out later the placement collapses and we lose the employer too. Since the pilot, we've tried to get more of those employers, but honestly the incentive hasn't changed that much on the employer side."),
        ("I", "And once someone is in work, what support do you provide to them?", "What support to you provide to offenders once they are in work"),
        ("R", "Phone contact mostly, weekly at first and then tailing off. If they want to come in, they can. The first few weeks are the danger zone. Something goes wrong, they have a row with a supervisor, their probation appointment clashes with a shift, and they walk. So we try to sort the practical stuff before it happens, talk to probation about appointment times, that sort of thing. If a job breaks down, we try to get them back in quickly rather than letting them drift."),
        ("I", "Let's talk about sanctioning. If someone isn't meeting the participation requirements, what do you do?", "If an offender in the programme is not meeting participation requirements"),
        ("R", "We try everything before we refer for a sanction. Phone, text, letter, a home visit if we've got an address. If they've just got out and they're in a mess, referring them for a sanction just pushes them further away, and in some cases it pushes them back towards crime, because they've got no money. So we use our discretion. If someone is deliberately not engaging and they're stable, then yes, we'll raise a doubt with the Jobcentre."),
        ("I", "And do you think sanctioning, or the threat of it, is effective with offenders?", "Do you believe that sanctioning and the threat of sanctioning"),
        ("R", "Mixed. For some, the threat gets them through the door. For the chaotic ones, no, it doesn't work at all. They don't open letters. They don't know they've been sanctioned until the money doesn't arrive, and then they're in crisis and we're picking up the pieces. So I'd say it's a blunt instrument for this group."),
        ("I", "How are offenders responding to the programme overall? What's working well and less well?", "How are offenders responding to the programme"),
        ("R", "The ones we meet at the gate respond really well. The one-to-one relationship is what works. The group sessions work less well, offenders don't like sitting in a room with people they don't know talking about their problems. What's not working is the information flow. We get very little from probation, and what we get from the Jobcentre is thin. If we knew someone's risk level, their housing situation, whether they're on a script, we could plan so much better."),
        ("I", "Great, thanks. Is there anything else you wanted to add?", None),
        ("R", "Only that the advisers are doing a brilliant job with very little. They deserve a mention."),
    ],
)

PRISONER = Interview(
    file="prisoner_short_sentence.txt",
    guide="prisoner",
    interviewer="Anna Hughes",
    respondent="Kyle Martin",
    attributes={"respondent_type": "prisoner", "area": "Pilot area", "wave": "1", "interview_date": "2015-04-02", "interviewer": "AH"},
    turns=[
        ("I", "Thanks for agreeing to talk to me. Just to check, you're okay with the recorder being on?", None),
        ("R", "Yeah, it's fine."),
        ("I", "Okay. So, can you tell me a bit about your current sentence?", "Can you tell me about your current sentence"),
        ("R", "Twenty weeks. Shoplifting, well, theft, and a breach as well because I missed appointments. I'll do half, so I'm out in about three weeks. It's not, like, gang stuff or anything. It was just, I was using, and I needed money."),
        ("I", "Have you had convictions before this one?", "Can you tell me about any past convictions you have"),
        ("R", "Yeah, loads. Mostly the same thing, thefts, a couple of possession. First one I was about fifteen. First time inside I was nineteen. This is my, what, fifth time in? Fifth or sixth. They're all short ones, few weeks, few months."),
        ("I", "What accommodation, if any, do you have sorted for when you're released?", "What accommodation, if any, do you have arranged for your release"),
        ("R", "Nothing yet. That's the thing that's doing my head in. I was in a hostel before but I lost it when I came in here. The housing lady said she's put in a referral but she can't promise anything. Worst case it's my mate's sofa, but his place is, you know, everyone's using there, so that's not really where I want to be."),
        ("I", "Can you tell me about the jobs you've had since leaving school?", "Can you tell me about all the paid jobs you have had"),
        ("R", "Not many. I did a bit of labouring for my uncle when I was seventeen, cash in hand. Then I was at a car wash for about six months. That was alright, actually. I got let go because I was late too many times, that was when I was using heavy. Since then nothing proper. A few days here and there through an agency but they stopped calling when they did a check."),
        ("I", "Okay. So thinking about when you get out, what do you think might stop you getting a job?", "What do you think might prevent you from getting a job on your release"),
        ("R", "Honestly? The record. Soon as they see it, that's it. You get a form, it says have you got any convictions, and you either lie and get sacked later or you tell the truth and don't get the job. Nobody's ever explained to me what I have to tell them and what I don't.\n\nAnd then housing, like I said. You can't hold down a job from a sofa. And the drugs. I'm clean in here, I've been on the programme, but I know what it's like when you get out with nowhere to go. That's when it starts again. Plus I've got no ID. No passport, no driving licence, nothing. You can't even open a bank account."),
        ("I", "What kinds of support do you think you'll need to stop you offending again?", "What kinds of support do you think you will need to prevent you offending"),
        ("R", "Somewhere to live, first. Then staying clean, so someone to see about that on the outside, proper support not just a leaflet. And money, because if I come out with forty-odd quid and the first payment's weeks away, that's when you end up nicking again. My mum said she'd help but she's not got much."),
        ("I", "Have you had any advice or support in here about getting a job or training when you're out?", "Can you tell me what advice or support, if any, you have received this time in prison to"),
        ("R", "I saw the Jobcentre bloke, the EBA, once. He did my claim, which is good, he said the money should come quicker. And he said I'd be put on some programme with a provider who'd help me find work. He gave me a sheet of paper with a name on it. That's about it for jobs. I did a bit of English and maths in education, got a certificate."),
        ("I", "And what do you understand by Day One Mandation, being put on the Work Programme from the day you get out?", "What do you understand by Day One Mandation"),
        ("R", "I didn't know it had a name, to be honest. He said I have to go and see them or my money might get stopped. So I'll go. I don't really know what they do though. Is it like the Jobcentre but a different building? Someone said they meet you at the gate sometimes, but nobody's said that to me."),
        ("I", "How useful have you found the support you've had in here so far?", "How useful have you found the resettlement advice and support you have received"),
        ("R", "The drugs worker's been good, she actually listens. The claim's useful, I'll give them that, last time it took weeks. The job stuff, not really, it was one meeting. And housing's the thing I actually need and that's the thing nobody can sort."),
        ("I", "If you've been in prison before, how does this time compare to the support you had before?", "If you have been in prison before, how does this support and advice compare"),
        ("R", "Bit better. Last time I came out with nothing at all, no claim, nothing, I was at the Jobcentre queuing the next morning. This time at least the money's sorted. But the rest is the same. You're on your own once you walk out that gate."),
        ("I", "Is there anything else you'd like to say about any of the things we've talked about?", "Is there anything else you would like to say about any of the things"),
        ("R", "Just that if they want people to stop coming back, sort the housing. Everything else comes after that. That's it really."),
        ("I", "Thank you, that's really useful. I'll stop the recording now.", None),
    ],
)

EBA = Interview(
    file="eba_resettlement_worker.vtt",
    guide="resettlement_eba",
    interviewer="Priya Shah",
    respondent="Lorraine Baker",
    attributes={"respondent_type": "EBA", "area": "Pilot area", "wave": "1", "interview_date": "2015-03-19", "interviewer": "PS"},
    turns=[
        ("I", "Okay, I think that's recording now. So just to start, can you give me an overview of your job in the prison and your part in getting people ready for release?", "Can you give me an overview of your job at the prison"),
        ("R", "Yes, so I'm an employment and benefit adviser, an EBA, I'm employed by the Jobcentre but I'm based in the prison three days a week. I've been doing this about four years now. My main job is making sure that anyone who's going to claim Jobseeker's Allowance on release has their claim set up before they go, so they're not walking out with nothing. I also do a bit of job search work with them, CVs, disclosure letters, that kind of thing, when there's time, which there usually isn't."),
        ("I", "And what's your understanding of Day One Mandation, what it involves?", "What is your understanding of Day One Mandation"),
        ("R", "So Day One means that anyone who claims JSA straight out of prison is mandated onto the Work Programme from the day they're released, rather than waiting the usual time. The idea is that they get picked up by a provider straight away instead of drifting for months. It applies for thirteen weeks after release as well, so if they claim a bit later they still go straight on. The objective, as I understand it, is to get them support while they're still motivated, because that first week is when it all happens, good or bad."),
        ("I", "Can you walk me through the processes in place here to actually make Day One happen?", "Can you describe the processes that are in place in the prison to operate Day One"),
        ("R", "So the resettlement team send me a list of release dates, that's supposed to be four to six weeks ahead. I book an appointment with each person who might claim, I see them on the wing or in the resettlement unit, and I do the claim clerically, on paper, because we've still not got the system access in here. Then the claim goes to the processing centre and the referral to the provider is triggered.\n\nThe handover at the gate is the weak bit. In theory the provider gets the details and books an appointment for the first few days. In practice I often don't know if that's happened. Some providers come in and meet people, some don't. For the short sentence lads, the release date can change at the last minute, home detention curfew comes through, or a court date moves it, and then everything I've arranged is out of date."),
        ("I", "Is that the same for everyone, or does it differ depending on who the prisoner is?", "Are these Day One processes the same for all prisoners"),
        ("R", "It's meant to be the same, but the short stays are much harder. Someone doing a few weeks might be out before I even get their name. The longer ones I can see two or three times. And people with learning difficulties or who can't read, I have to spend a lot longer with, and sometimes I'll get the resettlement officer to sit in."),
        ("I", "In your area, how are prison leavers allocated between the two providers, A and B?", "Can you explain how prison leavers are allocated to WPP A/B"),
        ("R", "It's random, based on their national insurance number, I think it's odd and even. I don't pick it and I don't always know who they've gone to until later. Which is a problem, because if I knew I could tell the person who to expect."),
        ("I", "How well do you think the handover from prison to the community is working, and what would improve it?", "How handover is managed from prison to community"),
        ("R", "Honestly, it's patchy. When it works, it's great, the provider meets them at the gate, takes them to the Jobcentre, gets them sorted. When it doesn't, the person walks out, goes to the address on the form, it's not there any more, and nobody sees them for weeks. What would improve it is a named person at the provider who I can ring, and a proper shared list so we all know who's going out when."),
        ("I", "Right. In your view, how well are the different agencies working together to deliver Day One?", "In your view, how well are the different agencies working together"),
        ("R", "Better than it was, but there's a lot of duplication. The resettlement team, me, probation, the housing worker, the provider if they come in, we're all seeing the same person and asking the same questions. And the data sharing is a nightmare. I can't see the probation system, they can't see mine, the provider can't see either. We email spreadsheets around, which I'm not sure is even allowed.\n\nThe relationship with the resettlement team is good, we sit together. With the providers it depends on the individual. One of them has a lovely woman who comes in every week. The other I've met once."),
        ("I", "And how could those working relationships be improved?", "If applicable, how could these working relationships be improved"),
        ("R", "A shared system, or at least a shared list. Regular meetings, monthly would do. And someone senior saying this matters, because at the moment it all depends on goodwill."),
        ("I", "Overall, how well do you think Day One Mandation is working?", "In your view, overall how well do you think Day One Mandation"),
        ("R", "The claims side is working, I'd say. People are getting money quicker than before and that matters. The Work Programme side, I'm less sure. I don't see what happens after they leave, so I can only go on what they tell me when they come back in, and a lot of them do come back."),
        ("I", "What are the key challenges that remain for making it work in the prison?", "What key challenges remain for its effective operation in prison"),
        ("R", "Release dates changing, no IT in the prison, not enough time with the short sentence people, and the handover. And housing, always housing. I can set up a claim, but if they've got no address the claim goes wrong anyway."),
        ("I", "That's really useful, thank you. Anything else you'd like to add?", None),
        ("R", "Just that the staff in here really do try. It's the systems that let people down."),
    ],
)

PROVIDER_B = Interview(
    file="provider_b_strategic_manager.srt",
    guide="provider_strategic",
    interviewer="Tom Reid",
    respondent="Claire Osei",
    attributes={"respondent_type": "Provider B strategic staff", "area": "Pilot area", "wave": "1", "interview_date": "2015-05-07", "interviewer": "TR"},
    turns=[
        ("I", "Right, we're recording. Can I just confirm first, you're the prime contractor for the Work Programme in this area?", "Can I confirm that your organisation is a Work Programme prime contractor"),
        ("R", "Yes, we're the prime for this contract package area, and we hold a second prime contract in the north. We also sub-contract to another prime in one other area."),
        ("I", "And can you tell me briefly what your role is in relation to the Work Programme and the pilot?", "Can you tell me briefly what your role is in relation to the (a) Work Programme"),
        ("R", "I'm the head of performance and partnerships. So I own the supply chain, the contract management of our subcontractors, and the relationship with the department. On the pilot, I led our bid, which we didn't win as Provider A, so we're Provider B, the comparison provider if you like."),
        ("I", "How is your supply chain set up in this area?", "How is the supply chain set-up in this area"),
        ("R", "We deliver about half of it ourselves, end to end, through our own offices. Then we've got three tier one subcontractors who are end to end as well, one of them a large charity, and a tier two of specialists we spot purchase from: a mental health provider, a housing advice service, a couple of drug and alcohol services. We chose the tier ones mainly on geography, to cover the rural parts we couldn't reach, and the specialists on expertise. Customers generally stay with whoever picks them up at the start, they don't bounce back to us."),
        ("I", "Has the supply chain changed at all because of the pilot?", "Has your supply chain changed under the Employment and Reoffending pilot"),
        ("R", "Not a great deal, being honest. We brought in an offender specialist charity as a spot provider for the more complex cases, but that was as much about the new offender payment group as about the pilot. Because we're Provider B, there's no extra incentive for us, so there hasn't been a business case to change much."),
        ("I", "Do you think specialist offender providers are important in supporting offenders into work?", "(If not already covered) Do you think that specialist offender providers are important"),
        ("R", "I think specialist knowledge is important. Whether it has to sit in a specialist organisation is another question. The things specialists do well are spotting when someone's heading back towards offending, knowing what work people can and can't do on licence, and talking to employers about convictions. We've tried to build that into our own advisers through training, and use the specialist charity for the people with the most complex needs."),
        ("I", "Let's move to finances. On what basis are your subcontractors paid?", "On what basis are subcontractors in your supply chain paid"),
        ("R", "The tier ones are on the same outcome model we are, passed down, minus a management fee. I won't give you the percentage but it's in line with the market. The specialists are on fee for service, because they'd never survive on outcomes and we don't want them to have to. That hasn't changed with the pilot."),
        ("I", "How does the attachment fee fit with an outcome-based payment model, in your view?", "How does the use of an attachment fee fit with an outcome-payment model"),
        ("R", "It's a cash flow thing really. The attachment fee gets smaller every year, by design, and it covers the cost of the initial assessment and not much else. For offenders, where attachment is harder and outcomes take longer, the attachment fee matters more than it does for mainstream customers. I'd have liked it to stay at the original level for this group."),
        ("I", "Can you tell me a little about how you planned your delivery model for the Work Programme?", "Can you tell me a little about how you planned your delivery model"),
        ("R", "We used a logic model, in fairness, which not everyone did. We mapped the stages, engagement, assessment, barrier removal, job search, in-work support, and for each stage what we'd expect to see. The evidence was mostly our own data from previous programmes plus some published research on employment and desistance. When the offender payment group came in we reviewed it and added a specialist track."),
        ("I", "How do offenders' needs differ from other customers' needs, would you say?", "Can you tell me how offenders’ needs differ from those of other Work Programme"),
        ("R", "More barriers, and more of them at once. Housing, substance misuse, mental health, debt, and then the conviction itself. Work histories are often very patchy. The short sentence people in particular are often very chaotic, they're in and out, so you might work with someone for two weeks and then they're back inside."),
        ("I", "What, if anything, would you say is innovative about your delivery model?", "What is innovative about your delivery model"),
        ("R", "The in-work support, I'd say. We have a dedicated in-work team who stay in touch for up to two years, and they work with the employer as well as the customer. That's been particularly useful for offenders, where the first few weeks in a job are the risky bit."),
        ("I", "Thinking overall, what are your views on delivering support to offenders through the Work Programme, positive and negative?", "What are your views on delivery of support to offenders through the Work Programme"),
        ("R", "Positive, it's got people onto support earlier, which is good. Negative, the payments don't reflect how hard this group is to help, and the information we get at referral is poor. And from the Provider B side, it's hard to stay motivated to innovate when the other provider gets paid more for the same people."),
        ("I", "Thank you, that's very helpful.", None),
    ],
)

SIB = Interview(
    file="peterborough_one_service_caseworker.txt",
    guide="peterborough_sib",
    interviewer="James Patel",
    respondent="Nicola Grant",
    attributes={"respondent_type": "One Service caseworker", "area": "Peterborough", "wave": "2", "interview_date": "2013-11-14", "interviewer": "JP"},
    turns=[
        ("I", "Could you start by telling me about your involvement in the SIB here at Peterborough?", "Could you tell me about your involvement in the SIB at Peterborough"),
        ("R", "I'm a caseworker with the One Service. I've been on it for about two years, so I joined after the first cohort started. Before that I was a support worker in a hostel, so a lot of the people I see now I already knew from that side."),
        ("I", "Please describe your day-to-day work with offenders, how many people you see and so on.", "Please describe your day-to-day work with offenders"),
        ("R", "My caseload's about twenty-five at any one time, mixed between people still inside and people who've been released. A typical day, I'll be in the prison in the morning, seeing people who are due out in the next few weeks, doing their needs assessment, making plans. Then the afternoon is out in the community, meeting people, taking them to appointments, the housing office, the doctor, the Jobcentre.\n\nMeetings vary hugely. Someone in crisis I might see three or four times in a week. Someone who's settled, once a fortnight, maybe a phone call. We don't have a set pattern, that's the whole point, it's led by what they need."),
        ("I", "What's the take-up like? Do people want to engage with you?", "What is the rate of uptake by offenders of the services you offer"),
        ("R", "Most do, once they understand it's voluntary and we're not probation. The ones who don't are usually either people who've got family support and don't feel they need it, or people who are so deep in their drug use that nothing gets through at that point. What helps is meeting them inside first. If they know your face before they walk out, they're much more likely to ring you."),
        ("I", "How far do you work through the gate, from prison into the community?", "To what extent does your organisation provided services through the gate"),
        ("R", "That's the core of it. We meet people at the gate on the day of release, nearly always, unless it's a court release that we didn't know about. We'll take them to wherever they need to go that first day. That first day is everything. If you can get them a bed and a bit of money and a prescription sorted on day one, you've got a chance. The barrier is release dates and times changing, and people being released from court, because then we miss them."),
        ("I", "What are the main challenges in reducing reoffending with this group?", "What are the main challenges to reducing reoffending with this cohort"),
        ("R", "Housing, by a mile. There just isn't anything for single men with a record. Then substance misuse, and mental health, which often go together. And the fact that a lot of them have been in and out for years and don't believe anything will be different this time. You're fighting that as well."),
        ("I", "How would you describe your relationships with the local agencies, the police, probation, housing and so on?", "How would you describe the relationships between the SIB/ One Service"),
        ("R", "Mostly good. The prison have been brilliant, they let us on the wings and they tell us release dates. Probation varies, some officers really get what we do and some see us as treading on their toes. The police have been interested, they come to our meetings. Housing is the hard one, not because the people are unhelpful but because there's nothing to give. The drug service is good, we've got a named worker there."),
        ("I", "Have you run into any particular challenges with the agencies you signpost people to?", "Have you encountered any particular challenges with agencies to which you signpost"),
        ("R", "Waiting lists, mainly. Mental health services especially. You refer someone and they're told it's twelve weeks, and in twelve weeks they're back in prison. And some agencies don't take people with certain offences, which you understand, but it leaves a gap."),
        ("I", "What lessons are there for others trying to build local partnerships to reduce reoffending?", "What lessons, if any, are there for others seeking to build local partnerships"),
        ("R", "Get to know people personally. Honestly, half of what makes it work is that I can ring someone at the council by name. Go to their meetings, invite them to yours. And be clear about what you do and don't do, so nobody feels you're taking their job."),
        ("I", "Overall, what impact do you think the pilot has made?", "What impact, if any, do you think the pilot has made"),
        ("R", "For the people I work with, I think it's made a real difference, at least in the short term. People who would have walked out with nothing now have someone. Whether that shows up in the reoffending numbers, I don't know, that's above my pay grade. But I've seen people stay out who I'd never have bet on."),
        ("I", "Great. Thank you so much for your time.", None),
    ],
)

INTERVIEWS = [STAKEHOLDER, PROVIDER_A, PRISONER, EBA, PROVIDER_B, SIB]


# ----- timing: about 2.6 words a second, a second's pause between turns -----


def _timed(interview: Interview) -> list[tuple[str, str, float, float]]:
    out = []
    clock = 4.0
    for turn in interview.turns:
        who, text = turn[0], turn[1]
        seconds = max(1.5, len(text.split()) / 2.6)
        out.append((who, text, clock, clock + seconds))
        clock += seconds + 1.0
    return out


def _hms(seconds: float, sep: str = ".", millis: bool = True) -> str:
    whole = int(seconds)
    stamp = f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    return stamp + (f"{sep}{int(round((seconds - whole) * 1000)) % 1000:03d}" if millis else "")


# ----- writers, one per format -----


def write_docx(interview: Interview, path: Path) -> None:
    """Transcriber style: heading, metadata lines, bold 'Interviewer:'/'Respondent:' labels."""
    import docx

    document = docx.Document()
    document.add_paragraph(HEADING)
    for key, value in (("Date", interview.attributes["interview_date"]), ("Interviewer", interview.interviewer),
                       ("Respondent", interview.respondent), ("Duration", "52 minutes")):
        document.add_paragraph(f"{key}: {value}")
    document.add_paragraph("")
    for who, text, *_ in interview.turns:
        paragraphs = text.split("\n\n")
        first = document.add_paragraph()
        first.add_run("Interviewer:" if who == "I" else "Respondent:").bold = True
        first.add_run(" " + paragraphs[0])
        for more in paragraphs[1:]:
            document.add_paragraph(more)  # an answer continuing over an unlabelled paragraph
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_stable_zip(buffer.getvalue()))


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a .docx with fixed timestamps so re-running changes no bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                import re

                content = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<", rb"<dcterms:\1\2>2015-01-01T00:00:00Z<", content)
            info = zipfile.ZipInfo(item.filename, date_time=(2015, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, content)
    return out.getvalue()


def write_ir_txt(interview: Interview, path: Path) -> None:
    """Typed I:/R: transcript, hard-wrapped at 90 columns, paragraphs separated by blank lines."""
    lines = [HEADING, "", f"Interview date: {interview.attributes['interview_date']}", "Interviewer: " + interview.interviewer,
             "Respondent type: " + interview.attributes["respondent_type"], ""]
    for who, text, *_ in interview.turns:
        for i, paragraph in enumerate(text.split("\n\n")):
            body = (f"{who}: " if i == 0 else "") + paragraph
            lines.extend(textwrap.wrap(body, 90))
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_bracket_txt(interview: Interview, path: Path) -> None:
    """``[00:01:23] Name: text`` lines, as typists working from a recording write them."""
    names = {"I": "Interviewer", "R": interview.respondent.split()[0]}
    lines = [HEADING, ""]
    for who, text, start, _ in _timed(interview):
        paragraphs = text.split("\n\n")
        lines.append(f"[{_hms(start, millis=False)}] {names[who]}: {paragraphs[0]}")
        lines.extend(paragraphs[1:])
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_otter_txt(interview: Interview, path: Path) -> None:
    """Speech-to-text export style: ``Name  0:03`` on its own line, then the words."""
    lines = [HEADING, ""]
    for who, text, start, _ in _timed(interview):
        name = interview.interviewer if who == "I" else interview.respondent
        lines.append(f"{name}  {int(start) // 60}:{int(start) % 60:02d}")
        lines.append(text.replace("\n\n", "\n"))
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def _cues(text: str, start: float, end: float, size: int = 14):
    words = text.replace("\n\n", " ").split()
    chunks = [words[i : i + size] for i in range(0, len(words), size)]
    step = (end - start) / len(chunks)
    for k, chunk in enumerate(chunks):
        yield " ".join(chunk), start + k * step, start + (k + 1) * step


def write_vtt(interview: Interview, path: Path) -> None:
    """Microsoft Teams export: cue ids, ``<v Name>`` voice tags, long turns over many cues."""
    out = ["WEBVTT", "", "NOTE", HEADING, ""]
    n = 0
    for who, text, start, end in _timed(interview):
        name = interview.interviewer if who == "I" else interview.respondent
        for chunk, a, b in _cues(text, start, end):
            n += 1
            out += [f"6f1c2e9a-demo/{n}-0", f"{_hms(a)} --> {_hms(b)}", f"<v {name}>{chunk}</v>", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def write_srt(interview: Interview, path: Path) -> None:
    """Zoom-like .srt: ``Name: text`` on a turn's first cue, later cues unlabelled."""
    out = []
    n = 0
    for who, text, start, end in _timed(interview):
        name = interview.interviewer if who == "I" else interview.respondent
        for k, (chunk, a, b) in enumerate(_cues(text, start, end, size=12)):
            n += 1
            out += [str(n), f"{_hms(a, ',')} --> {_hms(b, ',')}", (f"{name}: " if k == 0 else "") + chunk, ""]
    # .srt has no comment syntax: the heading is the first cue, which the reader keeps out of the talk.
    heading = ["0", "00:00:00,000 --> 00:00:03,000", HEADING, ""]
    path.write_text("\n".join(heading + out), encoding="utf-8")


WRITERS = {
    STAKEHOLDER.file: write_docx,
    PROVIDER_A.file: write_ir_txt,
    PRISONER.file: write_bracket_txt,
    EBA.file: write_vtt,
    PROVIDER_B.file: write_srt,
    SIB.file: write_otter_txt,
}

README = f"""# Demo transcripts

**{HEADING}.** Every interview here is fictional: written for this project to
demonstrate and test the workbench. The people, organisations' staff and events
are invented; no text comes from a real interview or from any evaluation report.
Names in them are fictional and are pseudonymised in exports like any other.

Each follows one of the shipped topic guides (`topic_guides/`), in a format real
projects receive:

| file | guide | format |
|---|---|---|
""" + "".join(f"| `{i.file}` | `{i.guide}` | {WRITERS[i.file].__doc__.splitlines()[0]} |\n" for i in INTERVIEWS) + """
`cases.csv` holds each case's attributes (respondent type, area, wave, interview
date, interviewer), keyed by file name. Regenerate everything with
`.venv/bin/python scripts/make_demo_transcripts.py`.
"""


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for interview in INTERVIEWS:
        WRITERS[interview.file](interview, OUT / interview.file)
    with (OUT / "cases.csv").open("w", newline="", encoding="utf-8") as handle:
        columns = ["file", "respondent_type", "area", "wave", "interview_date", "interviewer"]
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for interview in INTERVIEWS:
            writer.writerow({"file": interview.file, **interview.attributes})
    (OUT / "README.md").write_text(README, encoding="utf-8")


if __name__ == "__main__":
    main()
