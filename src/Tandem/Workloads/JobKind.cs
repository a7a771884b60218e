namespace Tandem.Workloads;

/// <summary>What an AI job does; it shapes how flexible it usually is.</summary>
public enum JobKind
{
    /// <summary>Pre-training or large training run.</summary>
    Training,
    /// <summary>Fine-tuning of an existing model.</summary>
    FineTuning,
    /// <summary>Offline (batch) inference.</summary>
    BatchInference,
}
