namespace IpbesFlow.Identity;

/// <summary>What a person is in the IPBES process. Most roles hold for one assessment, country or organisation.</summary>
public enum Role
{
    SecretariatAdmin,
    MepMember,
    BureauMember,
    TsuMember,
    Author,
    Reviewer,
    NationalFocalPoint,
    StakeholderOrganisation,

    /// <summary>The MEP's chair: may complete a selection that breaks its balance rule, saying why.</summary>
    MepChair,
}

/// <summary>An author's place in an assessment's team.</summary>
public enum AuthorRole
{
    CoChair,
    CoordinatingLeadAuthor,
    LeadAuthor,
    ContributingAuthor,
    ReviewEditor,
    Fellow,
}

/// <summary>What an API token may do. A token never has more than its owner.</summary>
public enum TokenScope
{
    Read,
    Write,
}
