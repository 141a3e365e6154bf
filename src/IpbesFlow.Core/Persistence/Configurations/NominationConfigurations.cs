using IpbesFlow.Assessments;
using IpbesFlow.Nominations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Persistence.Configurations;

internal sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> builder)
    {
        builder.ToTable("candidates");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.CallStepId).HasMaxLength(100).IsRequired();
        builder.Property(c => c.FullName).HasMaxLength(People.Person.MaxNameLength).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(People.Person.MaxEmailLength).IsRequired();
        builder.Property(c => c.NormalizedEmail).HasMaxLength(People.Person.MaxEmailLength).IsRequired();
        builder.Property(c => c.PreferredLanguage).HasMaxLength(2).IsRequired();
        builder.Property(c => c.Gender).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Nationality).HasMaxLength(2).IsRequired();
        builder.Property(c => c.CountryOfWork).HasMaxLength(2).IsRequired();
        builder.Property(c => c.Institution).HasMaxLength(Candidate.MaxInstitutionLength).IsRequired();
        builder.Property(c => c.Disciplines).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Keywords).HasMaxLength(Candidate.MaxKeywordsLength).IsRequired();
        builder.Property(c => c.Languages).HasMaxLength(Candidate.MaxLanguagesLength).IsRequired();
        builder.Property(c => c.RolesSought).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Chapters).HasMaxLength(Candidate.MaxChaptersLength).IsRequired();
        builder.Property(c => c.Region).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.Economy).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.CvFileName).HasMaxLength(Reviews.ReviewDraft.MaxFileNameLength);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.SelectedRole).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.SelectedChapter).HasMaxLength(Reviews.ReviewChapter.MaxCodeLength);
        builder.Property(c => c.DecisionNote).HasMaxLength(Candidate.MaxNoteLength);
        builder.Property(c => c.DecidedBy).HasMaxLength(300);
        builder.Ignore(c => c.DisciplineList);
        builder.Ignore(c => c.RolesSoughtList);
        builder.Ignore(c => c.ChapterList);
        builder.Ignore(c => c.LanguageList);
        builder.Ignore(c => c.IsFinal);
        // One application per person and call, however many bodies nominate them, even when two arrive at once.
        builder.HasIndex(c => new { c.AssessmentId, c.CallStepId, c.NormalizedEmail }).IsUnique();
        builder.HasIndex(c => c.UserId);
        builder.HasOne<Assessment>().WithMany().HasForeignKey(c => c.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NominationConfiguration : IEntityTypeConfiguration<Nomination>
{
    public void Configure(EntityTypeBuilder<Nomination> builder)
    {
        builder.ToTable("nominations");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.CallStepId).HasMaxLength(100).IsRequired();
        builder.Property(n => n.NominatorType).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.CountryCode).HasMaxLength(2);
        builder.Property(n => n.Organisation).HasMaxLength(300);
        builder.Property(n => n.BodyKey).HasMaxLength(400).IsRequired();
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.DecidedBy).HasMaxLength(300);
        builder.Property(n => n.Note).HasMaxLength(Candidate.MaxNoteLength);
        builder.Ignore(n => n.BodyName);
        builder.HasIndex(n => new { n.CandidateId, n.BodyKey }).IsUnique();
        builder.HasIndex(n => new { n.AssessmentId, n.CallStepId, n.BodyKey });
        builder.HasOne<Candidate>().WithMany().HasForeignKey(n => n.CandidateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CandidateCvConfiguration : IEntityTypeConfiguration<CandidateCv>
{
    public void Configure(EntityTypeBuilder<CandidateCv> builder)
    {
        builder.ToTable("candidate_cvs");
        builder.HasKey(c => c.CandidateId);
        builder.Property(c => c.FileName).HasMaxLength(Reviews.ReviewDraft.MaxFileNameLength).IsRequired();
        builder.Property(c => c.Sha256).HasMaxLength(64).IsRequired();
        builder.HasOne<Candidate>().WithOne().HasForeignKey<CandidateCv>(c => c.CandidateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DisclosureConfiguration : IEntityTypeConfiguration<Disclosure>
{
    public void Configure(EntityTypeBuilder<Disclosure> builder)
    {
        builder.ToTable("disclosures");
        builder.HasKey(d => d.CandidateId);
        builder.Property(d => d.Interests).HasMaxLength(Disclosure.MaxTextLength).IsRequired();
        builder.Property(d => d.Review).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.ReviewNote).HasMaxLength(Candidate.MaxNoteLength);
        builder.Property(d => d.ReviewedBy).HasMaxLength(300);
        builder.HasIndex(d => d.AssessmentId);
        builder.HasOne<Candidate>().WithOne().HasForeignKey<Disclosure>(d => d.CandidateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CountryClassificationConfiguration : IEntityTypeConfiguration<CountryClassification>
{
    public void Configure(EntityTypeBuilder<CountryClassification> builder)
    {
        builder.ToTable("country_classifications");
        builder.HasKey(c => c.CountryCode);
        builder.Property(c => c.CountryCode).HasMaxLength(2);
        builder.Property(c => c.Economy).HasConversion<string>().HasMaxLength(40);
        builder.Property(c => c.ChangedBy).HasMaxLength(300).IsRequired();
    }
}
