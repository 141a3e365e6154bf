using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IpbesFlow.Reviews;

/// <summary>A response to a comment that a later one replaced: kept, so that what the authors first answered (and who,
/// when) stays on record after they revise it. Append-only, like the journal.</summary>
public sealed class EarlierResponse
{
    private EarlierResponse()
    {
    }

    public long Id { get; private set; }

    public Guid CommentId { get; private set; }

    public ResponseStatus Status { get; private set; }

    public string Text { get; private set; } = string.Empty;

    public DateTimeOffset RespondedAt { get; private set; }

    public string RespondedBy { get; private set; } = string.Empty;

    /// <summary>When the response that replaced it was given.</summary>
    public DateTimeOffset ReplacedAt { get; private set; }

    internal static EarlierResponse Of(ReviewComment comment, DateTimeOffset replacedAt) => new()
    {
        CommentId = comment.Id,
        Status = comment.ResponseStatus!.Value,
        Text = comment.ResponseText ?? string.Empty,
        RespondedAt = comment.RespondedAt!.Value,
        RespondedBy = comment.RespondedBy ?? string.Empty,
        ReplacedAt = replacedAt,
    };
}

/// <summary>An earlier response as people see it.</summary>
public sealed record EarlierResponseView(ResponseStatus Status, string Text, DateTimeOffset RespondedAt, string RespondedBy, DateTimeOffset ReplacedAt);

internal sealed class EarlierResponseConfiguration : IEntityTypeConfiguration<EarlierResponse>
{
    public void Configure(EntityTypeBuilder<EarlierResponse> builder)
    {
        builder.ToTable("earlier_responses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Text).HasMaxLength(ReviewComment.MaxResponseLength).IsRequired();
        builder.Property(r => r.RespondedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(r => r.CommentId);
        builder.HasOne<ReviewComment>().WithMany().HasForeignKey(r => r.CommentId).OnDelete(DeleteBehavior.Restrict);
    }
}
