import { consoleFamily, GPU_MEMORY_STEPS } from '../categoryText';
import { LINKS } from '../links';

/** The workload profile the app runs on: which GPU (if any) it has. */
const SHOW_PROFILE = 'az containerapp show -n {app} -g {resourceGroup} --query properties.workloadProfileName -o tsv';
/** The server's own arguments, where --num-shard, --tensor-parallel-size and --gpu-memory-utilization are set. */
const SHOW_ARGS = "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].args' -o json";
/** vLLM's KV-cache wordings: the cache is sized from GPU memory within --gpu-memory-utilization. */
const KV_CACHE = /cache blocks|KV cache|GPU memory utilization/i;

/**
 * GPU model servers (vLLM, text-generation-inference, Ollama and llama.cpp, PyTorch under any server): the
 * GPU's own memory and the way a model is split across GPUs. GPU memory is not the container's memory: no
 * container memory setting gives the GPU more, so these steps never raise it.
 */
export const MODEL_SERVING_RULES = consoleFamily('model-serving', [
  {
    id: 'console.gpu.out-of-memory',
    category: 'out-of-memory',
    title: 'the GPU ran out of memory',
    // PyTorch ("CUDA out of memory", torch.cuda.OutOfMemoryError, "CUDA error: out of memory", ROCm's "HIP out
    // of memory"), CUDA libraries (cudaErrorMemoryAllocation, CUBLAS_STATUS_ALLOC_FAILED), llama.cpp and
    // Ollama ("cudaMalloc failed: out of memory", older "CUDA error 2 at ggml-cuda.cu:6616: out of memory"),
    // and vLLM's KV cache that gets no GPU memory at all within --gpu-memory-utilization ("No available memory
    // for the cache blocks", "Free memory on device ... on startup is less than desired GPU memory
    // utilization"). A cache that exists but is smaller than the model's context is the context setting's
    // refusal: console.vllm.context-exceeds-kv-cache.
    pattern:
      /\b(?:CUDA|HIP) out of memory\b|\bCUDA error: out of memory\b|\bcudaMalloc failed: out of memory\b|\bCUDA error \d{1,3} at [\w.\/-]{1,300}:\d{1,6}: out of memory\b|\bcudaErrorMemoryAllocation\b|\bCUBLAS_STATUS_ALLOC_FAILED\b|\bNo available memory for the cache blocks\b|\bon startup is less than desired GPU memory utilization\b/i,
    keywords: ['out of memory', 'cudaerrormemoryallocation', 'cublas_status_alloc_failed', 'cache blocks', 'desired gpu memory utilization'],
    // A server that catches the error and carries on (a batch retried smaller, llama.cpp falling back to
    // another split) reports it as recovered: that is not the failure.
    unless: /attempting to recover|retrying without|, retrying\b/i,
    confidence: 0.9,
    explanation:
      'The model server could not get the GPU memory it needs: the weights, the KV cache for the context length and batch it was configured for, and the activations must all fit in the GPU\'s memory (or in the share of it the server may use). This is the GPU\'s memory, not the container\'s {memoryLimit|memory}: raising the container\'s memory changes nothing here.',
    actions: [
      // The check carries the command, the fix none: a recovered app keeps the first step without one.
      { unless: KV_CACHE, text: 'Check which workload profile (and so which GPU) the app runs on.', command: SHOW_PROFILE },
      { when: KV_CACHE, text: 'Read the server\'s arguments: --gpu-memory-utilization, --max-model-len and --max-num-seqs size the KV cache.', command: SHOW_ARGS },
      {
        when: KV_CACHE,
        decisive: true,
        text: 'vLLM sizes its KV cache from the GPU memory left within --gpu-memory-utilization (0.9 by default) after the weights: when that share was set low, raise it (0.85 to 0.9); otherwise lower --max-model-len (the context) or --max-num-seqs, or serve a smaller or quantised model. When it reports less free memory than desired at start, another process still holds the GPU (a second server in the replica, or a process of the previous start): leave headroom below the utilization, and let the old process go before the new one starts.',
      },
      // PyTorch's and llama.cpp's wordings: the category's GPU steps (batch and precision, model and context).
      ...GPU_MEMORY_STEPS,
      {
        when: KV_CACHE,
        text: 'If the model really needs more GPU memory, move the app to a workload profile with a larger GPU (Consumption-GPU-NC24-A100 has 80 GB where NC8as-T4 has 16 GB); the container\'s memory setting does not help.',
      },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.vllm.context-exceeds-kv-cache',
    category: 'missing-configuration',
    title: 'the model\'s context ({maxSeqLen|its max seq len} tokens) does not fit vLLM\'s KV cache (max_model_len)',
    // vLLM refuses to start when one request of the model's full context could not fit the KV cache it sized:
    // v0 "The model's max seq len (N) is larger than the maximum number of tokens that can be stored in KV
    // cache (M)", v1 "To serve at least one request with the models's max seq len (N), (X GiB KV cache is
    // needed, which is larger than the available KV cache memory". The cache exists; the context is the
    // model's default (32k to 128k) because no --max-model-len caps it: a setting, not a GPU out of memory.
    pattern:
      /\bmax seq len \((?<maxSeqLen>\d{1,9})\) is larger than the maximum number of tokens that can be stored in KV cache \((?<kvTokens>\d{1,9})\)|\bmax seq len \((?<maxSeqLen_2>\d{1,9})\), \([\d.]{1,12} GiB KV cache is needed, which is larger than the available KV cache memory\b/i,
    keywords: ['kv cache'],
    normalizeNames: (n) => ({ ...n, setting: 'max_model_len' }),
    confidence: 0.9,
    explanation:
      'vLLM sizes its KV cache from the GPU memory left within --gpu-memory-utilization after the weights, and refuses to start when a single request of the model\'s context ({maxSeqLen|the model\'s max seq len} tokens) would not fit in it ({kvTokens|fewer} tokens fit). Without --max-model-len the context is the model\'s own maximum, often far more than the app needs.',
    actions: [
      { text: 'Read the server\'s arguments: --max-model-len, --gpu-memory-utilization and --max-num-seqs size the KV cache.', command: SHOW_ARGS },
      {
        decisive: true,
        text: 'Pass --max-model-len below the tokens the cache holds ({kvTokens|the count in the error}, or the estimated maximum model length it prints) in the container\'s args (or MAX_MODEL_LEN where the image reads it); when --gpu-memory-utilization was set low, raising it toward 0.9 grows the cache instead. This creates a new revision.',
      },
      {
        text: 'If the app needs the full context, move the app to a workload profile with a larger GPU or serve a quantised model; the container\'s memory setting does not help.',
      },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.gpu.shard-mismatch',
    category: 'missing-configuration',
    title: 'the model cannot be split across {shards|that many} GPUs ({setting})',
    // Tensor parallelism splits each layer's attention heads and weight rows across the GPUs, so their count
    // must divide evenly: text-generation-inference's "`num_heads` must be divisible by `num_shards`" and
    // "The choosen size N is not compatible with sharding on N shards" (--num-shard), vLLM's "Total number of
    // attention heads (N) must be divisible by tensor parallel size (N)" (--tensor-parallel-size).
    pattern:
      /`num_heads` must be divisible by `num_shards` \(got `num_heads`: (?<heads>\d{1,5}) and `num_shards`: (?<numShard>\d{1,3})|\bThe choo?sen size \d{1,9} is not compatible with sharding on (?<numShard_2>\d{1,3}) shards\b|\bTotal number of attention heads \((?<heads_2>\d{1,5})\) must be divisible by tensor parallel size \((?<tensorParallel>\d{1,3})\)/,
    keywords: ['must be divisible by', 'compatible with sharding'],
    normalizeNames: ({ numShard, tensorParallel, ...n }) => ({
      ...n,
      setting: numShard ? '--num-shard' : '--tensor-parallel-size',
      shards: numShard ?? tensorParallel ?? '',
    }),
    confidence: 0.9,
    explanation:
      'The server splits the model across {shards|several} GPUs with tensor parallelism, which divides every layer\'s attention heads ({heads|the model\'s count}) and weight rows evenly among them; this model\'s shapes do not divide by {shards|that count}, so the shards cannot start and the server exits. The count comes from the app\'s {setting} argument (or the matching variable, NUM_SHARD for text-generation-inference).',
    actions: [
      { text: 'Read the server\'s arguments and the workload profile\'s GPUs.', command: SHOW_ARGS },
      {
        decisive: true,
        text: 'Set {setting} to a number that divides the model\'s head count and is no more than the profile\'s GPUs, or remove it to run the model on one GPU (a model that fits one GPU needs no sharding); this creates a new revision.',
      },
    ],
    links: [LINKS.containers],
  },
]);
