package jobs

import (
	"fmt"
	"strings"
	"time"

	"example.com/clinic/internal/store"
)

type Counts struct {
	Booked int
	Confirmed int
	Cancelled int
	NoShow int
	Rescheduled int
	WalkIn int
	FirstVisit int
	FollowUp int
	Telehealth int
	InPerson int
	Morning int
	Afternoon int
	Evening int
	Weekend int
	Paediatric int
	Adult int
	Senior int
	Insured int
	SelfPay int
	Referral int
	Urgent int
	Routine int
	LabOrder int
	Imaging int
	Prescription int
	Vaccination int
	Physio int
	Dental int
	Vision int
	Hearing int
	Nutrition int
	MentalHealth int
	Cardiology int
	Dermatology int
	Oncology int
	Orthopaedic int
	Neurology int
	Gastro int
	Endocrine int
	Renal int
	Respiratory int
	Allergy int
	Sleep int
	Pain int
	Wound int
	Maternity int
	Fertility int
	Sports int
	Travel int
	Occupational int
	Screening int
	RemoteMonitoring int
	HomeVisit int
}

type Digest struct {
	ID   int64
	Body string
}

func line(sb *strings.Builder, label string, n int) {
	sb.WriteString(fmt.Sprintf("%s: %d\n", label, n))
}

func schedule(spec string, job func()) {}

// The nightly digest job: the factory's transaction takes its first row
// lock on the digest insert, then stays open while every line is built.
func RegisterDigest() {
	schedule("0 2 * * *", func() {
		s := store.Begin() // expect: long_held_transaction MEDIUM
		defer s.Close()
		d := &Digest{}
		if _, err := s.Insert(d); err != nil {
			return
		}
		c := Counts{}
		if _, err := s.Table("visits").Get(&c); err != nil {
			return
		}
		var sb strings.Builder
		line(&sb, "booked", c.Booked)
		line(&sb, "confirmed", c.Confirmed)
		line(&sb, "cancelled", c.Cancelled)
		line(&sb, "no_show", c.NoShow)
		line(&sb, "rescheduled", c.Rescheduled)
		line(&sb, "walk_in", c.WalkIn)
		line(&sb, "first_visit", c.FirstVisit)
		line(&sb, "follow_up", c.FollowUp)
		line(&sb, "telehealth", c.Telehealth)
		line(&sb, "in_person", c.InPerson)
		line(&sb, "morning", c.Morning)
		line(&sb, "afternoon", c.Afternoon)
		line(&sb, "evening", c.Evening)
		line(&sb, "weekend", c.Weekend)
		line(&sb, "paediatric", c.Paediatric)
		line(&sb, "adult", c.Adult)
		line(&sb, "senior", c.Senior)
		line(&sb, "insured", c.Insured)
		line(&sb, "self_pay", c.SelfPay)
		line(&sb, "referral", c.Referral)
		line(&sb, "urgent", c.Urgent)
		line(&sb, "routine", c.Routine)
		line(&sb, "lab_order", c.LabOrder)
		line(&sb, "imaging", c.Imaging)
		line(&sb, "prescription", c.Prescription)
		line(&sb, "vaccination", c.Vaccination)
		line(&sb, "physio", c.Physio)
		line(&sb, "dental", c.Dental)
		line(&sb, "vision", c.Vision)
		line(&sb, "hearing", c.Hearing)
		line(&sb, "nutrition", c.Nutrition)
		line(&sb, "mental_health", c.MentalHealth)
		line(&sb, "cardiology", c.Cardiology)
		line(&sb, "dermatology", c.Dermatology)
		line(&sb, "oncology", c.Oncology)
		line(&sb, "orthopaedic", c.Orthopaedic)
		line(&sb, "neurology", c.Neurology)
		line(&sb, "gastro", c.Gastro)
		line(&sb, "endocrine", c.Endocrine)
		line(&sb, "renal", c.Renal)
		line(&sb, "respiratory", c.Respiratory)
		line(&sb, "allergy", c.Allergy)
		line(&sb, "sleep", c.Sleep)
		line(&sb, "pain", c.Pain)
		line(&sb, "wound", c.Wound)
		line(&sb, "maternity", c.Maternity)
		line(&sb, "fertility", c.Fertility)
		line(&sb, "sports", c.Sports)
		line(&sb, "travel", c.Travel)
		line(&sb, "occupational", c.Occupational)
		line(&sb, "screening", c.Screening)
		line(&sb, "remote_monitoring", c.RemoteMonitoring)
		line(&sb, "home_visit", c.HomeVisit)
		d.Body = sb.String()
		if _, err := s.ID(d.ID).Cols("body").Update(d); err != nil {
			return
		}
		_ = s.Commit()
	})
}

// Look-alike: the same lines built inside a transaction that only reads:
// it takes no row lock, so its length holds nothing.
func PreviewDigest() (string, error) {
	s := store.Begin()
	defer s.Close()
	c := Counts{}
	if _, err := s.Table("visits").Get(&c); err != nil {
		return "", err
	}
	var sb strings.Builder
	line(&sb, "booked", c.Booked)
	line(&sb, "confirmed", c.Confirmed)
	line(&sb, "cancelled", c.Cancelled)
	line(&sb, "no_show", c.NoShow)
	line(&sb, "rescheduled", c.Rescheduled)
	line(&sb, "walk_in", c.WalkIn)
	line(&sb, "first_visit", c.FirstVisit)
	line(&sb, "follow_up", c.FollowUp)
	line(&sb, "telehealth", c.Telehealth)
	line(&sb, "in_person", c.InPerson)
	line(&sb, "morning", c.Morning)
	line(&sb, "afternoon", c.Afternoon)
	line(&sb, "evening", c.Evening)
	line(&sb, "weekend", c.Weekend)
	line(&sb, "paediatric", c.Paediatric)
	line(&sb, "adult", c.Adult)
	line(&sb, "senior", c.Senior)
	line(&sb, "insured", c.Insured)
	line(&sb, "self_pay", c.SelfPay)
	line(&sb, "referral", c.Referral)
	line(&sb, "urgent", c.Urgent)
	line(&sb, "routine", c.Routine)
	line(&sb, "lab_order", c.LabOrder)
	line(&sb, "imaging", c.Imaging)
	line(&sb, "prescription", c.Prescription)
	line(&sb, "vaccination", c.Vaccination)
	line(&sb, "physio", c.Physio)
	line(&sb, "dental", c.Dental)
	line(&sb, "vision", c.Vision)
	line(&sb, "hearing", c.Hearing)
	line(&sb, "nutrition", c.Nutrition)
	line(&sb, "mental_health", c.MentalHealth)
	line(&sb, "cardiology", c.Cardiology)
	line(&sb, "dermatology", c.Dermatology)
	line(&sb, "oncology", c.Oncology)
	line(&sb, "orthopaedic", c.Orthopaedic)
	line(&sb, "neurology", c.Neurology)
	line(&sb, "gastro", c.Gastro)
	line(&sb, "endocrine", c.Endocrine)
	line(&sb, "renal", c.Renal)
	line(&sb, "respiratory", c.Respiratory)
	line(&sb, "allergy", c.Allergy)
	line(&sb, "sleep", c.Sleep)
	line(&sb, "pain", c.Pain)
	line(&sb, "wound", c.Wound)
	line(&sb, "maternity", c.Maternity)
	line(&sb, "fertility", c.Fertility)
	line(&sb, "sports", c.Sports)
	line(&sb, "travel", c.Travel)
	line(&sb, "occupational", c.Occupational)
	line(&sb, "screening", c.Screening)
	line(&sb, "remote_monitoring", c.RemoteMonitoring)
	line(&sb, "home_visit", c.HomeVisit)
	return sb.String(), nil
}

// Look-alike: the lines are built first; the one write comes right before
// the commit, so the locks are held for two statements.
func StoreDigest() error {
	s := store.Begin()
	defer s.Close()
	c := Counts{}
	if _, err := s.Table("visits").Get(&c); err != nil {
		return err
	}
	var sb strings.Builder
	line(&sb, "booked", c.Booked)
	line(&sb, "confirmed", c.Confirmed)
	line(&sb, "cancelled", c.Cancelled)
	line(&sb, "no_show", c.NoShow)
	line(&sb, "rescheduled", c.Rescheduled)
	line(&sb, "walk_in", c.WalkIn)
	line(&sb, "first_visit", c.FirstVisit)
	line(&sb, "follow_up", c.FollowUp)
	line(&sb, "telehealth", c.Telehealth)
	line(&sb, "in_person", c.InPerson)
	line(&sb, "morning", c.Morning)
	line(&sb, "afternoon", c.Afternoon)
	line(&sb, "evening", c.Evening)
	line(&sb, "weekend", c.Weekend)
	line(&sb, "paediatric", c.Paediatric)
	line(&sb, "adult", c.Adult)
	line(&sb, "senior", c.Senior)
	line(&sb, "insured", c.Insured)
	line(&sb, "self_pay", c.SelfPay)
	line(&sb, "referral", c.Referral)
	line(&sb, "urgent", c.Urgent)
	line(&sb, "routine", c.Routine)
	line(&sb, "lab_order", c.LabOrder)
	line(&sb, "imaging", c.Imaging)
	line(&sb, "prescription", c.Prescription)
	line(&sb, "vaccination", c.Vaccination)
	line(&sb, "physio", c.Physio)
	line(&sb, "dental", c.Dental)
	line(&sb, "vision", c.Vision)
	line(&sb, "hearing", c.Hearing)
	line(&sb, "nutrition", c.Nutrition)
	line(&sb, "mental_health", c.MentalHealth)
	line(&sb, "cardiology", c.Cardiology)
	line(&sb, "dermatology", c.Dermatology)
	line(&sb, "oncology", c.Oncology)
	line(&sb, "orthopaedic", c.Orthopaedic)
	line(&sb, "neurology", c.Neurology)
	line(&sb, "gastro", c.Gastro)
	line(&sb, "endocrine", c.Endocrine)
	line(&sb, "renal", c.Renal)
	line(&sb, "respiratory", c.Respiratory)
	line(&sb, "allergy", c.Allergy)
	line(&sb, "sleep", c.Sleep)
	line(&sb, "pain", c.Pain)
	line(&sb, "wound", c.Wound)
	line(&sb, "maternity", c.Maternity)
	line(&sb, "fertility", c.Fertility)
	line(&sb, "sports", c.Sports)
	line(&sb, "travel", c.Travel)
	line(&sb, "occupational", c.Occupational)
	line(&sb, "screening", c.Screening)
	line(&sb, "remote_monitoring", c.RemoteMonitoring)
	line(&sb, "home_visit", c.HomeVisit)
	if _, err := s.Insert(&Digest{Body: sb.String()}); err != nil {
		return err
	}
	return s.Commit()
}

// A read-only transaction that sleeps still holds its connection idle.
func WaitForLab(id int64) error {
	s := store.Begin()
	defer s.Close()
	d := &Digest{}
	if _, err := s.ID(id).Get(d); err != nil {
		return err
	}
	time.Sleep(5 * time.Second) // expect: long_held_transaction HIGH
	return nil
}
